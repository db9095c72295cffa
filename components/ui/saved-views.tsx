'use client';
// "Save view": names the current URL (the whole view state is in it) and keeps it in this
// browser's localStorage; the menu lists saved views as links, deletes them, and exports or
// imports them as a JSON file (lib/saved-views checks the file before anything is kept).
import Link from 'next/link';
import { useId, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { exportViews, mergeViews, parseViewsFile, readStored, removeView, upsertView, type SavedView } from '@/lib/saved-views';

const KEY = 'impactline:saved-views';
const EVENT = 'impactline:saved-views';
const EMPTY: SavedView[] = [];

// One parsed list per stored string, so useSyncExternalStore sees a stable snapshot.
let cache: { text: string | null; views: SavedView[] } = { text: null, views: EMPTY };
function snapshot(): SavedView[] {
  let text: string | null = null;
  try {
    text = window.localStorage.getItem(KEY);
  } catch {
    return EMPTY; // storage blocked (privacy mode): nothing saved
  }
  if (text !== cache.text) cache = { text, views: readStored(text) };
  return cache.views;
}
function subscribe(onChange: () => void) {
  window.addEventListener('storage', onChange);
  window.addEventListener(EVENT, onChange);
  return () => {
    window.removeEventListener('storage', onChange);
    window.removeEventListener(EVENT, onChange);
  };
}
function store(views: SavedView[]): string | null {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(views));
    window.dispatchEvent(new Event(EVENT));
    return null;
  } catch {
    return 'This browser does not allow saving (storage is blocked or full).';
  }
}

function suggestedName(): string {
  const q = new URLSearchParams(window.location.search);
  const parts = [q.get('tickers')?.split(',').join(', ') ?? (window.location.pathname === '/' ? 'NVDA, SPY' : ''), q.get('from') && q.get('to') ? `${q.get('from')} → ${q.get('to')}` : '', q.get('asOf') ? `as of ${q.get('asOf')}` : ''];
  return parts.filter(Boolean).join(' · ') || (window.location.pathname === '/' ? 'Timeline' : window.location.pathname.slice(1));
}

export function SavedViews({ pathname }: { pathname: string }) {
  const views = useSyncExternalStore(subscribe, snapshot, () => EMPTY);
  const [naming, setNaming] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const menu = useRef<HTMLDetailsElement>(null);
  const summary = useRef<HTMLElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const nameId = useId();

  const save = () => {
    const name = (naming ?? '').trim();
    if (!name) {
      setMessage({ text: 'Give the view a name.', error: true });
      return;
    }
    const href = `${window.location.pathname}${window.location.search}`;
    const error = store(upsertView(views, { name: name.slice(0, 80), href, savedAt: new Date().toISOString() }));
    setMessage(error ? { text: error, error: true } : { text: `Saved “${name.slice(0, 80)}”.`, error: false });
    if (!error) setNaming(null);
  };
  const download = () => {
    const blob = new Blob([exportViews(views)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = 'impactline-saved-views.json';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const onFile = async (f: File | undefined) => {
    if (!f) return;
    if (f.size > 1_000_000) {
      setMessage({ text: `${f.name}: larger than 1 MB, not a saved-views file; nothing imported.`, error: true });
      return;
    }
    const parsed = parseViewsFile(await f.text());
    if (file.current) file.current.value = '';
    if (!parsed.ok) {
      setMessage({ text: `${f.name}: ${parsed.error}; nothing imported.`, error: true });
      return;
    }
    const merged = mergeViews(views, parsed.views);
    const error = store(merged.views);
    setMessage(error ? { text: error, error: true } : { text: `Imported from ${f.name}: ${merged.added} new, ${merged.replaced} replaced.`, error: false });
  };
  const onMenuKey = (e: KeyboardEvent<HTMLDetailsElement>) => {
    if (e.key === 'Escape' && menu.current?.open) {
      e.stopPropagation();
      menu.current.open = false;
      summary.current?.focus();
    }
  };

  return (
    <div className="saved-views" data-pathname={pathname}>
      {naming === null ? (
        <button type="button" className="chip" onClick={() => (setNaming(suggestedName()), setMessage(null))}>
          Save view
        </button>
      ) : (
        <form
          className="save-view-form"
          aria-label="Save view"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <label htmlFor={nameId}>Name</label>
          <input id={nameId} value={naming} maxLength={80} autoFocus onChange={(e) => setNaming(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && setNaming(null)} />
          <button type="submit">Save</button>
          <button type="button" className="chip" onClick={() => setNaming(null)}>
            Cancel
          </button>
        </form>
      )}
      <details ref={menu} className="saved-menu" onKeyDown={onMenuKey}>
        <summary ref={summary} className="chip">
          Saved views ({views.length})
        </summary>
        <div className="saved-menu-body" role="group" aria-label="Saved views">
          {views.length === 0 ? (
            <p className="muted small">No saved views in this browser yet. “Save view” keeps the current view (tickers, range, event, as-of date…) under a name.</p>
          ) : (
            <ul>
              {views.map((v) => (
                <li key={v.name}>
                  <Link href={v.href} onClick={() => menu.current && (menu.current.open = false)}>
                    {v.name}
                  </Link>
                  <button type="button" className="link" aria-label={`Delete saved view ${v.name}`} onClick={() => store(removeView(views, v.name))}>
                    Delete
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="saved-menu-actions">
            <button type="button" className="chip" onClick={download} disabled={views.length === 0}>
              Export JSON
            </button>
            <label className="chip file-chip">
              Import JSON
              <input ref={file} type="file" accept="application/json,.json" className="sr-only" onChange={(e) => void onFile(e.target.files?.[0])} />
            </label>
          </div>
        </div>
      </details>
      <p className="small saved-message" role="status" aria-live="polite">
        {message ? <span className={message.error ? 'error' : 'muted'}>{message.text}</span> : null}
      </p>
    </div>
  );
}
