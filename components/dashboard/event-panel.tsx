'use client';
// The side panel for the selected event: its detail, or a note when the event is not in the
// timeline at this clock (a stale link, or an as-of date before it).
import { EventDetail } from '@/components/events/event-detail';
import type { ClockKey } from '@/lib/query-keys';

type Props = {
  id: string;
  tickers: string[];
  clock: ClockKey;
  /** The timeline has this event, or has not loaded yet. */
  known: boolean;
  replay: boolean;
  focusRequest: number;
  onClose: () => void;
  editHref: string | undefined;
  pageHref: string;
};

export function EventPanel({ id, tickers, clock, known, replay, focusRequest, onClose, editHref, pageHref }: Props) {
  return (
    <aside className="event-panel" aria-label="Selected event">
      {known ? (
        <EventDetail id={id} tickers={tickers} clock={clock} variant="panel" focusRequest={focusRequest} onClose={onClose} editHref={editHref} pageHref={pageHref} />
      ) : (
        <div role="status">
          <p>
            The event <code>{id}</code> is not visible {replay ? 'at this as-of date or position' : 'in the timeline'}.
          </p>
          <button type="button" onClick={onClose}>Close</button>
        </div>
      )}
    </aside>
  );
}
