// One-line, type-specific summaries of ledger events for /ledger. Pure; unknown shapes degrade to
// a list of the payload's fields rather than failing.
export const KNOWN_EVENT_TYPES = [
  'NarrativeDefined',
  'NarrativeAmended',
  'TickerListed',
  'PriceBarsImported',
  'PriceBarsCorrected',
  'TimelineEntryRecorded',
  'TimelineEntryAmended',
  'SourceAttached',
  'TimelineEntryRetracted',
  'CostClaimAsserted',
  'CostClaimRevised',
  'CostClaimDisputed',
  'CostClaimCorroborated',
] as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function clip(s: string, n = 140): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function barFieldChanges(before: unknown, after: unknown): string {
  if (!isObj(before) || !isObj(after)) return '';
  const keys = ['close', 'adj_close', 'open', 'high', 'low', 'volume'].filter((k) => before[k] !== after[k]);
  return keys.map((k) => `${k} ${str(before[k]) || 'null'}→${str(after[k]) || 'null'}`).join(', ');
}

export function summarizeEvent(type: string, data: unknown): string {
  const d = isObj(data) ? data : {};
  switch (type) {
    case 'NarrativeDefined':
      return clip(`${str(d.name)}: ${str(d.thesis)}`);
    case 'NarrativeAmended': {
      const changes = isObj(d.changes) ? Object.keys(d.changes) : [];
      return clip(`changed ${changes.length ? changes.join(', ') : 'nothing named'}${d.reason ? ` — reason: ${str(d.reason)}` : ''}`, 200);
    }
    case 'TickerListed':
      return `${str(d.symbol)} ${str(d.name)}${d.exchange ? ` (${str(d.exchange)})` : ''}${d.role ? `, ${str(d.role)}` : ''}`;
    case 'PriceBarsImported': {
      const bars = arr(d.bars).filter(isObj);
      const dates = bars.map((b) => str(b.date)).filter(Boolean).sort();
      const range = dates.length ? ` ${dates[0]} to ${dates[dates.length - 1]}` : '';
      return `${bars.length} bar${bars.length === 1 ? '' : 's'}${range}${d.source ? ` from ${str(d.source)}` : ''}`;
    }
    case 'PriceBarsCorrected': {
      const corr = arr(d.corrections).filter(isObj);
      const first = corr
        .slice(0, 3)
        .map((c) => `${str(c.date)} ${barFieldChanges(c.before, c.after)}`.trim())
        .join('; ');
      const more = corr.length > 3 ? ` (+${corr.length - 3} more)` : '';
      return clip(`${corr.length} correction${corr.length === 1 ? '' : 's'}${first ? `: ${first}` : ''}${more}${d.source ? ` from ${str(d.source)}` : ''}`, 220);
    }
    case 'TimelineEntryRecorded':
      return clip(`${str(d.date)} · ${str(d.kind)} · ${str(d.title)}`);
    case 'TimelineEntryAmended': {
      const changes = isObj(d.changes) ? Object.keys(d.changes) : [];
      return clip(`changed ${changes.length ? changes.join(', ') : 'nothing named'}${d.reason ? ` — reason: ${str(d.reason)}` : ''}`, 200);
    }
    case 'SourceAttached': {
      const s = isObj(d.source) ? d.source : {};
      return clip(`source attached: ${s.publisher ? `${str(s.publisher)}: ` : ''}${str(s.title)}${s.published ? ` (${str(s.published)})` : ''}`);
    }
    case 'TimelineEntryRetracted':
      return clip(`retracted — reason: ${str(d.reason)}`);
    case 'CostClaimAsserted':
      return clip(
        `${str(d.claimant)}: ${str(d.metric)} ${str(d.value)} ${str(d.unit)}${d.qualifier ? ` (${str(d.qualifier)})` : ''}, asserted ${str(d.asserted_on)}`,
        180,
      );
    case 'CostClaimRevised':
      return clip(`revised to ${str(d.value)}${d.revised_on ? ` on ${str(d.revised_on)}` : ''} — reason: ${str(d.reason)}`);
    case 'CostClaimDisputed':
      return clip(`disputed by ${str(d.by)}${d.disputed_on ? ` on ${str(d.disputed_on)}` : ''}: ${str(d.argument)}`);
    case 'CostClaimCorroborated':
      return clip(`corroborated by ${str(d.by)}${d.corroborated_on ? ` on ${str(d.corroborated_on)}` : ''}`);
    default: {
      const keys = Object.keys(d);
      return keys.length ? `fields: ${keys.join(', ')}` : 'no payload fields';
    }
  }
}
