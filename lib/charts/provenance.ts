// Where a figure on screen comes from (issue 16, item 8). A figure quoted by an entry or a claim
// traces to that record's sources; a figure Impactline computes (a CAR, a price line) traces to
// the computation and the ledger stream of its input prices; a figure with neither is marked
// unsourced, never shown bare.

export type SourceRef = { title: string; url: string; publisher?: string | null; published?: string | null };

export type Provenance =
  | { kind: 'sources'; sources: readonly SourceRef[]; note?: string }
  | { kind: 'computed'; text: string; links: readonly { label: string; href: string }[] }
  | { kind: 'unsourced'; note: string };

/** A figure stated in an entry or a claim: its sources, or "unsourced" when it has none. */
export function fromSources(sources: readonly SourceRef[] | undefined, note?: string): Provenance {
  const usable = (sources ?? []).filter((s) => /^https?:\/\//.test(s.url));
  if (usable.length === 0) return { kind: 'unsourced', note: 'No source is recorded for this figure.' };
  return { kind: 'sources', sources: usable, note };
}

/** The ledger page of a ticker's price stream (its imports and corrections, with their source files). */
export function priceStreamHref(ticker: string): string {
  return `/ledger?stream=${encodeURIComponent(`ticker-${ticker}`)}`;
}

/** An event-study figure: computed by Impactline from the prices in the ledger. */
export function eventStudyProvenance(p: { ticker: string; benchmark: string; model: string; window: string; eventId?: string; studyHref?: string }): Provenance {
  const links = [
    { label: `${p.ticker} prices in the ledger`, href: priceStreamHref(p.ticker) },
    { label: `${p.benchmark} prices in the ledger`, href: priceStreamHref(p.benchmark) },
  ];
  if (p.studyHref) links.unshift({ label: 'the event study as JSON', href: p.studyHref });
  if (p.eventId) links.push({ label: 'the event and its sources', href: `/events/${encodeURIComponent(p.eventId)}` });
  return {
    kind: 'computed',
    text: `Computed by Impactline: ${p.window} of ${p.ticker} against ${p.benchmark}, ${p.model} model, from the daily prices recorded in the ledger.`,
    links,
  };
}

/** A price or rebased value: the ticker's imported bars. */
export function priceProvenance(ticker: string): Provenance {
  return { kind: 'computed', text: `Daily closes of ${ticker} as imported into the ledger.`, links: [{ label: `${ticker} price imports in the ledger`, href: priceStreamHref(ticker) }] };
}

/** "Reuters, 2025-01-27" */
export function sourceByline(s: SourceRef): string {
  return [s.publisher || 'publisher not recorded', s.published || 'date not recorded'].join(', ');
}
