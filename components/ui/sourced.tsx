'use client';
// Every figure on screen traces to its source (issue 16, item 8). A sourced figure is a trigger:
// hovering or focusing it shows where it comes from; a click, tap, Enter or Space pins the card
// and moves focus to its first link; Escape closes it and returns focus. The card is a small
// non-modal dialog in a portal, so a scrolling panel or an SVG never clips it.
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { sourceByline, type Provenance } from '@/lib/charts/provenance';

type Pos = { left: number; top: number; width: number };

export type PopoverTriggerProps = {
  'aria-haspopup': 'dialog';
  'aria-expanded': boolean;
  'aria-controls': string | undefined;
  'data-figure': string;
  'data-unsourced'?: 'true';
  onMouseEnter: (e: React.MouseEvent<Element>) => void;
  onMouseLeave: () => void;
  onFocus: (e: React.FocusEvent<Element>) => void;
  onBlur: (e: React.FocusEvent<Element>) => void;
  onClick: (e: React.MouseEvent<Element>) => void;
  onKeyDown: (e: React.KeyboardEvent<Element>) => void;
};

/** State and handlers for one figure's source card. `figure` names the figure ("CAR[−1,1] of NVDA: −8.95%"). */
export function useSourcePopover(figure: string, provenance: Provenance | readonly Provenance[], extra?: ReactNode) {
  const sections: readonly Provenance[] = Array.isArray(provenance) ? provenance : [provenance as Provenance];
  const unsourced = sections.every((p) => p.kind === 'unsourced');
  const id = useId();
  // The trigger element is kept in state (set from events), so rendering never reads a ref.
  const [state, setState] = useState<{ open: boolean; pinned: boolean; anchor: Element | null }>({ open: false, pinned: false, anchor: null });
  const card = useRef<HTMLDivElement | null>(null);
  const hideTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const focusCard = useRef(false);
  // Focus handed back to the trigger on Escape must not open the card again.
  const quietFocus = useRef(false);

  const cancelHide = () => {
    if (hideTimer.current) clearTimeout(hideTimer.current);
    hideTimer.current = null;
  };
  const close = useCallback((returnFocus: Element | null = null) => {
    setState((s) => ({ ...s, open: false, pinned: false }));
    if (returnFocus) {
      quietFocus.current = true;
      (returnFocus as HTMLElement).focus();
      setTimeout(() => (quietFocus.current = false), 0);
    }
  }, []);
  const show = (anchor: Element) => {
    cancelHide();
    setState((s) => (s.open ? s : { open: true, pinned: false, anchor }));
  };
  const pin = (anchor: Element) => {
    cancelHide();
    focusCard.current = true;
    setState({ open: true, pinned: true, anchor });
  };
  const within = (node: EventTarget | null, anchor: Element | null) => node instanceof Node && Boolean(anchor?.contains(node) || card.current?.contains(node));

  useEffect(() => {
    if (state.open && state.pinned && focusCard.current) {
      focusCard.current = false;
      card.current?.querySelector<HTMLElement>('a[href], button')?.focus();
    }
  }, [state]);
  useEffect(() => () => cancelHide(), []);
  // A pinned card closes on a press elsewhere.
  useEffect(() => {
    if (!state.pinned) return;
    const anchor = state.anchor;
    const onDown = (e: PointerEvent) => {
      if (!within(e.target, anchor)) close();
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [state.pinned, state.anchor, close]);

  const triggerProps: PopoverTriggerProps = {
    'aria-haspopup': 'dialog',
    'aria-expanded': state.open,
    'aria-controls': state.open ? id : undefined,
    'data-figure': figure,
    ...(unsourced ? { 'data-unsourced': 'true' as const } : {}),
    onMouseEnter: (e) => show(e.currentTarget),
    onMouseLeave: () => {
      if (state.pinned) return;
      hideTimer.current = setTimeout(() => setState((s) => (s.pinned ? s : { ...s, open: false })), 200);
    },
    onFocus: (e) => {
      if (quietFocus.current) quietFocus.current = false;
      else show(e.currentTarget);
    },
    onBlur: (e) => {
      if (!within(e.relatedTarget, e.currentTarget)) setState((s) => ({ ...s, open: false, pinned: false }));
    },
    onClick: (e) => {
      e.stopPropagation();
      if (state.pinned) close();
      else pin(e.currentTarget);
    },
    onKeyDown: (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        e.stopPropagation();
        pin(e.currentTarget);
      } else if (e.key === 'Escape' && state.open) {
        e.stopPropagation();
        close();
      }
    },
  };

  const anchor = state.anchor;
  const popover = state.open ? (
    <SourceCard
      id={id}
      cardRef={card}
      figure={figure}
      sections={sections}
      extra={extra}
      anchor={anchor}
      onMouseEnter={cancelHide}
      onMouseLeave={() => {
        if (!state.pinned) setState((s) => ({ ...s, open: false }));
      }}
      onBlur={(e) => {
        if (!within(e.relatedTarget, anchor)) setState((s) => ({ ...s, open: false, pinned: false }));
      }}
      onEscape={() => close(anchor)}
    />
  ) : null;

  return { open: state.open, triggerProps, popover, unsourced };
}

function SourceCard({
  id,
  cardRef,
  figure,
  sections,
  extra,
  anchor,
  onMouseEnter,
  onMouseLeave,
  onBlur,
  onEscape,
}: {
  id: string;
  cardRef: React.RefObject<HTMLDivElement | null>;
  figure: string;
  sections: readonly Provenance[];
  extra: ReactNode;
  anchor: Element | null;
  onMouseEnter: () => void;
  onMouseLeave: () => void;
  onBlur: (e: React.FocusEvent) => void;
  onEscape: () => void;
}) {
  const [pos, setPos] = useState<Pos | null>(null);
  useLayoutEffect(() => {
    const place = () => {
      if (!anchor) return;
      const r = anchor.getBoundingClientRect();
      const vw = document.documentElement.clientWidth;
      const vh = window.innerHeight;
      const width = Math.min(340, vw - 16);
      const left = Math.max(8, Math.min(r.left + r.width / 2 - width / 2, vw - width - 8));
      const h = cardRef.current?.offsetHeight ?? 120;
      const below = r.bottom + 6 + h <= vh || r.top - 6 - h < 0;
      const top = below ? r.bottom + 6 : r.top - 6 - h;
      setPos({ left: left + window.scrollX, top: top + window.scrollY, width });
    };
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [anchor, cardRef]);
  if (typeof document === 'undefined') return null;
  return createPortal(
    <div
      id={id}
      ref={cardRef}
      role="dialog"
      aria-label={`Source of ${figure}`}
      className="source-card"
      style={pos ? { left: pos.left, top: pos.top, width: pos.width } : { left: -9999, top: 0 }}
      onMouseEnter={onMouseEnter}
      onMouseLeave={onMouseLeave}
      onBlur={onBlur}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onEscape();
        }
      }}
    >
      <p className="source-card-figure">{figure}</p>
      {sections.map((p, i) => (
        <ProvenanceBody key={i} provenance={p} />
      ))}
      {extra}
    </div>,
    document.body,
  );
}

/** The provenance as text and links; also used inline (tables' captions, the event brief). */
export function ProvenanceBody({ provenance }: { provenance: Provenance }) {
  if (provenance.kind === 'unsourced')
    return (
      <p className="source-card-unsourced" data-unsourced="true">
        Unsourced: {provenance.note}
      </p>
    );
  if (provenance.kind === 'computed')
    return (
      <>
        <p>{provenance.text}</p>
        <ul className="source-card-list">
          {provenance.links.map((l) => (
            <li key={l.href}>
              <a href={l.href}>{l.label}</a>
            </li>
          ))}
        </ul>
      </>
    );
  return (
    <>
      {provenance.note ? <p>{provenance.note}</p> : null}
      <ul className="source-card-list">
        {provenance.sources.map((s) => (
          <li key={s.url}>
            <span className="source-card-by">{sourceByline(s)}</span>{' '}
            <a href={s.url} target="_blank" rel="noopener noreferrer nofollow">
              {s.title}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * A figure in running HTML (a figure list, a claim value, the reaction figure): the text as a
 * button-like trigger, with a dagger when it has no source.
 */
export function Sourced({ figure, provenance, children, className }: { figure: string; provenance: Provenance | readonly Provenance[]; children: ReactNode; className?: string }) {
  const { triggerProps, popover, unsourced } = useSourcePopover(figure, provenance);
  return (
    <>
      <button type="button" className={`sourced${className ? ` ${className}` : ''}`} {...triggerProps}>
        {children}
        {unsourced ? (
          <span className="unsourced-mark" aria-hidden="true">
            †
          </span>
        ) : null}
        {unsourced ? <span className="sr-only"> (unsourced)</span> : null}
      </button>
      {popover}
    </>
  );
}
