'use client';

// As-of date: a date input and a slider over the data's date range, writing asOf to the URL.
// The parent remounts it (key) when the URL's asOf changes, which resets the draft.
import { useEffect, useState } from 'react';
import { addDays, daysBetween } from '@/lib/dates';

export function AsOfControl({ value, extent, onChange }: { value: string | null; extent: [string, string]; onChange: (asOf: string | null) => void }) {
  const span = Math.max(1, daysBetween(extent[0], extent[1]));
  const [draft, setDraft] = useState<string>(value ?? extent[1]);
  const offset = Math.min(span, Math.max(0, daysBetween(extent[0], draft)));

  // The slider commits shortly after it stops moving, so dragging does not fire a request per day.
  useEffect(() => {
    if (draft === (value ?? extent[1])) return;
    const t = setTimeout(() => onChange(draft >= extent[1] && value === null ? null : draft), 350);
    return () => clearTimeout(t);
  }, [draft, value, extent, onChange]);

  return (
    <fieldset className="asof">
      <legend>As of</legend>
      <label>
        <span className="visually-hidden">As-of date</span>
        <input
          type="date"
          value={draft}
          min={extent[0]}
          max={extent[1]}
          onChange={(e) => {
            if (/^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) setDraft(e.target.value);
          }}
        />
      </label>
      <label className="asof-slider">
        <span className="visually-hidden">As-of date slider</span>
        <input
          type="range"
          min={0}
          max={span}
          step={1}
          value={offset}
          aria-valuetext={draft}
          onChange={(e) => setDraft(addDays(extent[0], Number(e.target.value)))}
        />
      </label>
      <button type="button" className="secondary" onClick={() => onChange(null)} disabled={value === null}>
        Now
      </button>
    </fieldset>
  );
}
