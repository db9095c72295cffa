'use client';

import { ClockBanner } from '@/components/ui/clock-banner';
import { EventDetail } from './event-detail';

export function EventPage({ id, tickers, asOf, position, editable }: { id: string; tickers: string[]; asOf: string | null; position: number | null; editable: boolean }) {
  return (
    <>
      <ClockBanner asOf={asOf} position={position} nowHref={`/events/${encodeURIComponent(id)}`} />
      <EventDetail id={id} tickers={tickers} clock={{ asOf, position }} variant="page" editHref={editable ? `/entries/${encodeURIComponent(id)}/edit` : undefined} />
    </>
  );
}
