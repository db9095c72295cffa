'use client';

// The claim ladder, rendered by React from lib/charts/claim-ladder's layout. The SVG is one
// role="img" with a summary; the dots are real <button>s laid over it (focusable, hoverable),
// each showing its claim and the claim's sources (with links) in a card: hover or focus shows
// it, a click, tap or Enter pins it and moves focus to its first link.
import { useMemo } from 'react';
import { useSourcePopover } from '@/components/ui/sourced';
import { useColorScheme } from '@/components/ui/use-color-scheme';
import { useElementWidth } from '@/components/ui/use-element-width';
import type { ClaimView, NarrativeView } from '@/lib/contracts/read';
import {
  describeLadder,
  formatAsGiven,
  layoutClaimLadder,
  METRIC_LABELS,
  RELATION_DASH,
  type LadderBar,
  type LadderDot,
  type LadderLayout,
} from '@/lib/charts/claim-ladder';
import { markColor, tickerColor as paletteColor, type Scheme } from '@/lib/charts/palette';
import { fromSources } from '@/lib/charts/provenance';
import type { PriceMode } from './state';
import './claim-ladder.css';

export function tickerColor(i: number, scheme: Scheme = 'light'): string {
  return paletteColor(i, scheme);
}

type Props = {
  claims: ClaimView[];
  series: { ticker: string; bars: LadderBar[] }[];
  domain: [string, string];
  /** Fit the time axis to the claims, breaking it around far-off ones (no range asked for). */
  focus?: boolean;
  /** The event page's snippet has no price strip. */
  prices?: boolean;
  mode: PriceMode;
  asOf: string | null;
  narratives: NarrativeView[];
  pricesNote: string | null;
  /** An accessible name prefix, so a page with two ladders names them apart. */
  label?: string;
};

export function ClaimLadderChart({ claims, series, domain, focus = false, prices = true, mode, asOf, narratives, pricesNote, label = 'Claim ladder' }: Props) {
  const [box, width] = useElementWidth<HTMLDivElement>(960);
  const scheme = useColorScheme();
  const layout = useMemo(
    () => layoutClaimLadder({ claims, series, width, domain, priceMode: mode, asOf, focus, prices }),
    [claims, series, width, domain, mode, asOf, focus, prices],
  );
  const colorOf = useMemo(() => new Map(narratives.map((n) => [n.id, markColor(n.color, scheme)] as const)), [narratives, scheme]);
  const byId = useMemo(() => new Map(claims.map((c) => [c.id, c] as const)), [claims]);
  const tickers = series.map((s) => s.ticker);
  const summary = describeLadder(layout, tickers).replace(/^Claim ladder/, label);
  const { margin } = layout;
  const x1 = layout.width - margin.right;
  const compact = layout.width < 640;
  const priceTitle =
    mode === 'rebased'
      ? compact
        ? `Rebased, 100 = ${layout.price?.base ?? 'first bar in view'}`
        : `${tickers.join(', ')} rebased to 100 at ${layout.price?.base ? `the first bar in view (${layout.price.base})` : 'the first bar in view'}`
      : compact
        ? 'Closing price (USD)'
        : `${tickers.join(', ')} closing price (USD)`;
  const axisY = layout.height - margin.bottom;

  return (
    <div className="ladder" ref={box}>
      <svg className="ladder-svg" role="img" aria-label={summary} viewBox={`0 0 ${layout.width} ${layout.height}`} width="100%" preserveAspectRatio="xMinYMin meet">
        {layout.rows.map((r) => (
          <g key={r.key}>
            <rect x={margin.left} y={r.top} width={x1 - margin.left} height={r.height} className="ladder-row-bg" />
            <text x={margin.left + 4} y={r.top + 11} className="ladder-row-title">
              {r.label}
              {r.empty ? (
                <tspan className="ladder-empty" dx={8}>
                  no claim {asOf ? `known on ${asOf}` : 'in view'}
                </tspan>
              ) : null}
            </text>
            {r.ticks.map((t) => (
              <g key={t.label}>
                <line x1={margin.left} x2={x1} y1={t.y} y2={t.y} className="ladder-grid" />
                <text x={margin.left - 4} y={t.y + 3.5} textAnchor="end" className="ladder-tick">
                  {t.label}
                </text>
              </g>
            ))}
          </g>
        ))}
        {layout.price ? <PriceStrip layout={layout} x1={x1} title={priceTitle} note={pricesNote} scheme={scheme} /> : null}
        {/* claim-date rules through the price strip, so the lag between a claim and a move is visible */}
        {layout.price
          ? layout.dots.map((d) => <line key={`rule-${d.id}`} x1={d.x} x2={d.x} y1={layout.price!.top} y2={layout.price!.top + layout.price!.height} className="ladder-claim-rule" />)
          : null}
        {/* breaks in the time axis: the empty time between far-apart claims is left out */}
        {layout.breaks.map((bx) => (
          <g key={`brk-${bx}`} className="ladder-break" data-break={bx}>
            {/* below each row's title, so the titles stay whole */}
            {[...layout.rows, ...(layout.price ? [{ key: 'price', top: layout.price.top, height: layout.price.height }] : [])].map((r) => (
              <rect key={r.key} x={bx - 5} y={r.top + 15} width={10} height={r.height - 15} className="ladder-break-band" />
            ))}
            <path d={`M${bx - 6},${axisY + 5} l4,-10 M${bx},${axisY + 5} l4,-10`} className="ladder-break-mark" />
          </g>
        ))}
        {/* x axis */}
        <g>
          {layout.segments.map((s) => (
            <line key={`ax-${s.from}`} x1={s.x0} x2={s.x1} y1={axisY} y2={axisY} className="ladder-axis" />
          ))}
          {layout.xTicks.map((t) => (
            <g key={`${t.x}`}>
              <line x1={t.x} x2={t.x} y1={axisY} y2={axisY + 4} className="ladder-axis" />
              <text x={t.x} y={axisY + 16} textAnchor="middle" className="ladder-tick">
                {t.label}
              </text>
            </g>
          ))}
        </g>
        {layout.asOfX !== null ? <line x1={layout.asOfX} x2={layout.asOfX} y1={margin.top} y2={axisY} className="ladder-asof" /> : null}
        {/* lineage */}
        {layout.links.map((l) => (
          <path key={l.id} d={l.d} fill="none" className={`ladder-link ladder-link-${l.type}`} strokeDasharray={RELATION_DASH[l.type] || undefined} />
        ))}
        {/* dots */}
        {layout.dots.map((d) => (
          <g key={d.id} className="ladder-dot" data-claim-dot={d.id}>
            {d.disputed ? <circle cx={d.x} cy={d.y} r={8.5} className="ladder-disputed-ring" /> : null}
            <circle cx={d.x} cy={d.y} r={5} fill={colorOf.get(d.claim.narrative) ?? '#6b7280'} className="ladder-dot-core" />
          </g>
        ))}
        {layout.labels.map((l) => (
          <text key={`label-${l.id}`} x={l.x} y={l.y} textAnchor={l.anchor} className="ladder-label" data-label-for={l.id}>
            {l.text}
          </text>
        ))}
      </svg>
      {/* focusable hit targets laid over the dots */}
      <div className="ladder-hits">
        {layout.dots.map((d) => {
          const c = byId.get(d.id);
          return c ? <LadderHit key={d.id} dot={d} claim={c} byId={byId} layout={layout} /> : null;
        })}
      </div>
    </div>
  );
}

function PriceStrip({ layout, x1, title, note, scheme }: { layout: LadderLayout; x1: number; title: string; note: string | null; scheme: Scheme }) {
  const price = layout.price!;
  const { margin } = layout;
  return (
    <g>
      <rect x={margin.left} y={price.top} width={x1 - margin.left} height={price.height} className="ladder-row-bg" />
      <text x={margin.left + 4} y={price.top + 11} className="ladder-row-title">
        {title}
      </text>
      {price.ticks.map((t) => (
        <g key={t.label}>
          <line x1={margin.left} x2={x1} y1={t.y} y2={t.y} className="ladder-grid" />
          <text x={margin.left - 4} y={t.y + 3.5} textAnchor="end" className="ladder-tick">
            {t.label}
          </text>
        </g>
      ))}
      {price.baselineY !== null ? <line x1={margin.left} x2={x1} y1={price.baselineY} y2={price.baselineY} className="ladder-baseline" /> : null}
      {price.lines.map((l, i) => (l.d ? <path key={l.ticker} d={l.d} fill="none" stroke={tickerColor(i, scheme)} strokeWidth={1.5} /> : null))}
      {note ? (
        <text x={(margin.left + x1) / 2} y={price.top + price.height / 2 + 6} textAnchor="middle" className="ladder-empty">
          {note}
        </text>
      ) : null}
    </g>
  );
}

/** One dot's hit target: its claim and sources on hover, focus and tap. */
function LadderHit({ dot: d, claim: c, byId, layout }: { dot: LadderDot; claim: ClaimView; byId: Map<string, ClaimView>; layout: LadderLayout }) {
  const figure = `${c.claimant}: ${METRIC_LABELS[c.metric] ?? c.metric} ${d.display}, asserted ${c.asserted_on}`;
  const { triggerProps, popover } = useSourcePopover(figure, fromSources(c.sources, 'Sources of this claim:'), <ClaimDetails claim={c} byId={byId} />);
  return (
    <>
      <button
        type="button"
        className="ladder-hit"
        style={{ left: `${(d.x / layout.width) * 100}%`, top: `${(d.y / layout.height) * 100}%` }}
        aria-label={`${figure}${d.disputed ? ', disputed' : ''}`}
        data-claim={c.id}
        {...triggerProps}
      />
      {popover}
    </>
  );
}

export function relationText(claim: ClaimView, byId: Map<string, ClaimView>): string[] {
  return claim.relations.map((r) => {
    const other = byId.get(r.claim);
    const who = other ? `${other.claimant} (${formatAsGiven(other.value, other.unit)}, ${other.asserted_on})` : r.claim;
    if (r.direction === 'outgoing') return `${r.type} ${who}`;
    const passive = { disputes: 'disputed by', revises: 'revised by', corroborates: 'corroborated by', compares: 'compared with by' }[r.type] ?? r.type;
    return `${passive} ${who}`;
  });
}

export function ClaimDetails({ claim: c, byId }: { claim: ClaimView; byId: Map<string, ClaimView> }) {
  const rel = relationText(c, byId);
  return (
    <>
      <p className="tt-head">
        <strong>{c.claimant}</strong> on {c.asserted_on}
      </p>
      <p>
        {METRIC_LABELS[c.metric] ?? c.metric} of {c.subject}: <strong>{formatAsGiven(c.current_value, c.unit)}</strong>
        {c.qualifier ? ` (${c.qualifier})` : ''}
        {c.current_value !== c.value ? `, revised from ${formatAsGiven(c.value, c.unit)}` : ''}
      </p>
      <p>Scope: {c.scope || 'not stated'}</p>
      <p>
        Status: <strong>{c.status}</strong>
        {rel.length ? ` · ${rel.join('; ')}` : ''}
      </p>
      {c.history.length > 0 ? (
        <p>
          History:{' '}
          {c.history
            .map((h) =>
              h.type === 'revised'
                ? `${h.on} revised ${h.previous} → ${h.value} (${h.reason})`
                : h.type === 'disputed'
                  ? `${h.on} disputed by ${h.by}: ${h.argument}`
                  : `${h.on} corroborated by ${h.by}`,
            )
            .join('; ')}
        </p>
      ) : null}
    </>
  );
}
