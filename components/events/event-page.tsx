'use client';

import { ClockBanner } from '@/components/ui/clock-banner';
import type { NarrativeView } from '@/lib/contracts/read';
import { EventBrief } from './event-brief';

export function EventPage({ id, tickers, asOf, position, editable, narratives }: { id: string; tickers: string[]; asOf: string | null; position: number | null; editable: boolean; narratives: NarrativeView[] }) {
  return (
    <>
      <ClockBanner asOf={asOf} position={position} nowHref={`/events/${encodeURIComponent(id)}`} />
      <EventBrief id={id} tickers={tickers} clock={{ asOf, position }} narratives={narratives} editHref={editable ? `/entries/${encodeURIComponent(id)}/edit` : undefined} />
    </>
  );
}
