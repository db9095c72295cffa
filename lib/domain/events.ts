// The ledger's event catalogue (DESIGN "Streams and events"), as a tagged union.
import type {
  ClaimFields,
  EntryChanges,
  EntryFields,
  NarrativeFields,
  PriceBar,
  Source,
  TickerFields,
} from './schemas';

export type TimelineEntry = EntryFields & { id: string };
export type CostClaim = ClaimFields & { id: string };

/** A narrative as defined: its slug and fields, and where it sorts among the lanes. */
export type NarrativeDefinition = NarrativeFields & { id: string; sort_order: number };
/** What a NarrativeAmended changes (any field but the slug). */
export type NarrativeChanges = Partial<Omit<NarrativeDefinition, 'id'>>;

export type BarValues = Omit<PriceBar, 'date'>;
export type BarCorrection = { date: string; before: BarValues; after: BarValues };

export type DomainEvent =
  | { type: 'TimelineEntryRecorded'; data: TimelineEntry }
  | { type: 'TimelineEntryAmended'; data: { changes: EntryChanges; reason: string } }
  | { type: 'SourceAttached'; data: { source: Source } }
  | { type: 'TimelineEntryRetracted'; data: { reason: string } }
  | { type: 'CostClaimAsserted'; data: CostClaim }
  | { type: 'CostClaimRevised'; data: { value: number; reason: string; source: Source | null; revised_on: string } }
  | { type: 'CostClaimDisputed'; data: { by: string; argument: string; source: Source | null; disputed_on: string } }
  | { type: 'CostClaimCorroborated'; data: { by: string; source: Source | null; corroborated_on: string } }
  | { type: 'NarrativeDefined'; data: NarrativeDefinition }
  | { type: 'NarrativeAmended'; data: { changes: NarrativeChanges; reason: string } }
  | { type: 'TickerListed'; data: TickerFields & { symbol: string } }
  | { type: 'PriceBarsImported'; data: { source: string; bars: PriceBar[]; checksum: string } }
  | { type: 'PriceBarsCorrected'; data: { source: string; corrections: BarCorrection[]; checksum: string } };

export type DomainEventType = DomainEvent['type'];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;

/** Which events carry their own valid time, and what it is. Others happen when recorded. */
export function validTimeOf(event: DomainEvent, recordedAt: string): string {
  switch (event.type) {
    case 'TimelineEntryRecorded':
      return event.data.time_utc ? `${event.data.date}T${event.data.time_utc}:00Z` : event.data.date;
    case 'CostClaimAsserted':
      return event.data.asserted_on;
    case 'CostClaimRevised':
      return event.data.revised_on;
    case 'CostClaimDisputed':
      return event.data.disputed_on;
    case 'CostClaimCorroborated':
      return event.data.corroborated_on;
    case 'PriceBarsImported': {
      // The bars describe trading days; the import's valid time is its last bar.
      const last = event.data.bars.reduce((m, b) => (b.date > m ? b.date : m), '');
      return last || recordedAt;
    }
    default:
      return recordedAt;
  }
}
