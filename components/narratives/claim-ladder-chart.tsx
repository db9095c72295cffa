'use client';

// The claim ladder, rendered by React from lib/charts/claim-ladder's layout. The SVG is one
// role="img" with a summary; the dots are real <button>s laid over it (focusable, hoverable),
// each describing its claim in text in a tooltip.
import { useMemo, useState } from 'react';
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
} from '@/lib/charts/claim-ladder';
import type { PriceMode } from './state';

export const TICKER_COLORS = ['#1f5fbf', '#b45309', '#047857', '#7c3aed', '#be185d', '#0e7490'];

export function tickerColor(i: number): string {
  return TICKER_COLORS[i % TICKER_COLORS.length]!;
}

type Props = {
  claims: ClaimView[];
  series: { ticker: string; bars: LadderBar[] }[];
  domain: [string, string];
  mode: PriceMode;
  asOf: string | null;
  narratives: NarrativeView[];
  pricesNote: string | null;
};

export function ClaimLadderChart({ claims, series, domain, mode, asOf, narratives, pricesNote }: Props) {
  const [box, width] = useElementWidth<HTMLDivElement>(960);
  const layout = useMemo(() => layoutClaimLadder({ claims, series, width, domain, priceMode: mode, asOf }), [claims, series, width, domain, mode, asOf]);
  const [active, setActive] = useState<{ id: string; pinned: boolean } | null>(null);
  const colorOf = useMemo(() => new Map(narratives.map((n) => [n.id, n.color] as const)), [narratives]);
  const byId = useMemo(() => new Map(claims.map((c) => [c.id, c] as const)), [claims]);
  const tickers = series.map((s) => s.ticker);
  const summary = describeLadder(layout, tickers);
  const { margin } = layout;
  const x1 = layout.width - margin.right;
  const activeDot = active ? layout.dots.find((d) => d.id === active.id) : undefined;
  const compact = layout.width < 640;
  const priceTitle =
    mode === 'rebased'
      ? compact
        ? `Rebased, 100 = ${layout.price.base ?? 'first bar in view'}`
        : `${tickers.join(', ')} rebased to 100 at ${layout.price.base ? `the first bar in view (${layout.price.base})` : 'the first bar in view'}`
      : compact
        ? 'Closing price (USD)'
        : `${tickers.join(', ')} closing price (USD)`;

  return (
    <div className="ladder" ref={box}>
      <svg
        className="ladder-svg"
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        {layout.rows.map((r) => (
          <g key={r.key}>
            <rect x={margin.left} y={r.top} width={x1 - margin.left} height={r.height} className="ladder-row-bg" />
            <text x={margin.left + 4} y={r.top + 11} className="ladder-row-title">
              {r.label}
            </text>
            {r.ticks.map((t) => (
              <g key={t.label}>
                <line x1={margin.left} x2={x1} y1={t.y} y2={t.y} className="ladder-grid" />
                <text x={margin.left - 4} y={t.y + 3.5} textAnchor="end" className="ladder-tick">
                  {t.label}
                </text>
              </g>
            ))}
            {r.empty ? (
              <text x={(margin.left + x1) / 2} y={r.top + r.height / 2 + 8} textAnchor="middle" className="ladder-empty">
                no claim {asOf ? `known on ${asOf}` : 'in view'}
              </text>
            ) : null}
          </g>
        ))}
        {/* price strip */}
        <g>
          <rect x={margin.left} y={layout.price.top} width={x1 - margin.left} height={layout.price.height} className="ladder-row-bg" />
          <text x={margin.left + 4} y={layout.price.top + 11} className="ladder-row-title">
            {priceTitle}
          </text>
          {layout.price.ticks.map((t) => (
            <g key={t.label}>
              <line x1={margin.left} x2={x1} y1={t.y} y2={t.y} className="ladder-grid" />
              <text x={margin.left - 4} y={t.y + 3.5} textAnchor="end" className="ladder-tick">
                {t.label}
              </text>
            </g>
          ))}
          {layout.price.baselineY !== null ? <line x1={margin.left} x2={x1} y1={layout.price.baselineY} y2={layout.price.baselineY} className="ladder-baseline" /> : null}
          {layout.price.lines.map((l, i) => (l.d ? <path key={l.ticker} d={l.d} fill="none" stroke={tickerColor(i)} strokeWidth={1.5} /> : null))}
          {pricesNote ? (
            <text x={(margin.left + x1) / 2} y={layout.price.top + layout.price.height / 2 + 6} textAnchor="middle" className="ladder-empty">
              {pricesNote}
            </text>
          ) : null}
        </g>
        {/* claim-date rules through the price strip, so the lag between a claim and a move is visible */}
        {layout.dots.map((d) => (
          <line
            key={`rule-${d.id}`}
            x1={d.x}
            x2={d.x}
            y1={layout.price.top}
            y2={layout.price.top + layout.price.height}
            className={active?.id === d.id ? 'ladder-claim-rule active' : 'ladder-claim-rule'}
          />
        ))}
        {/* x axis */}
        <g>
          <line x1={margin.left} x2={x1} y1={layout.height - margin.bottom} y2={layout.height - margin.bottom} className="ladder-axis" />
          {layout.xTicks.map((t) => (
            <g key={`${t.x}`}>
              <line x1={t.x} x2={t.x} y1={layout.height - margin.bottom} y2={layout.height - margin.bottom + 4} className="ladder-axis" />
              <text x={t.x} y={layout.height - margin.bottom + 16} textAnchor="middle" className="ladder-tick">
                {t.label}
              </text>
            </g>
          ))}
        </g>
        {layout.asOfX !== null ? (
          <g>
            <line x1={layout.asOfX} x2={layout.asOfX} y1={margin.top} y2={layout.height - margin.bottom} className="ladder-asof" />
          </g>
        ) : null}
        {/* lineage */}
        {layout.links.map((l) => (
          <path key={l.id} d={l.d} fill="none" className={`ladder-link ladder-link-${l.type}`} strokeDasharray={RELATION_DASH[l.type] || undefined} />
        ))}
        {/* dots */}
        {layout.dots.map((d) => (
          <g key={d.id} className={active?.id === d.id ? 'ladder-dot active' : 'ladder-dot'}>
            {d.disputed ? <circle cx={d.x} cy={d.y} r={8.5} className="ladder-disputed-ring" /> : null}
            <circle cx={d.x} cy={d.y} r={5} fill={colorOf.get(d.claim.narrative) ?? '#6b7280'} className="ladder-dot-core" />
          </g>
        ))}
        {layout.labels.map((l) => (
          <text key={`label-${l.id}`} x={l.x} y={l.y} textAnchor={l.anchor} className="ladder-label">
            {l.text}
          </text>
        ))}
      </svg>
      {/* focusable hit targets laid over the dots */}
      <div className="ladder-hits">
        {layout.dots.map((d) => (
          <button
            key={d.id}
            type="button"
            className="ladder-hit"
            style={{ left: `${(d.x / layout.width) * 100}%`, top: `${(d.y / layout.height) * 100}%` }}
            aria-label={`${d.claim.claimant}: ${METRIC_LABELS[d.claim.metric] ?? d.claim.metric} ${d.display}, asserted ${d.claim.asserted_on}${d.disputed ? ', disputed' : ''}`}
            aria-describedby={active?.id === d.id ? 'ladder-tooltip' : undefined}
            aria-expanded={active?.id === d.id}
            onMouseEnter={() => setActive((a) => (a?.pinned ? a : { id: d.id, pinned: false }))}
            onMouseLeave={() => setActive((a) => (a?.pinned ? a : null))}
            onFocus={() => setActive({ id: d.id, pinned: false })}
            onBlur={() => setActive((a) => (a?.id === d.id ? null : a))}
            onClick={() => setActive((a) => (a?.id === d.id && a.pinned ? null : { id: d.id, pinned: true }))}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setActive(null);
            }}
          />
        ))}
      </div>
      {activeDot ? <ClaimTooltip dot={activeDot} width={layout.width} height={layout.height} byId={byId} /> : null}
    </div>
  );
}

function ClaimTooltip({ dot, width, height, byId }: { dot: LadderDot; width: number; height: number; byId: Map<string, ClaimView> }) {
  const c = byId.get(dot.id);
  if (!c) return null;
  const w = Math.min(320, width - 8);
  const left = Math.max(4, Math.min(dot.x - w / 2, width - w - 4));
  const below = dot.y < height / 2;
  const style = below ? { left, width: w, top: dot.y + 14 } : { left, width: w, bottom: height - dot.y + 14 };
  return (
    <div id="ladder-tooltip" role="tooltip" className="ladder-tooltip" style={style}>
      <ClaimDetails claim={c} byId={byId} />
    </div>
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
      <p>
        Sources:{' '}
        {c.sources.length === 0
          ? 'none recorded'
          : c.sources
              .slice(0, 3)
              .map((s) => `${s.publisher ?? 'publisher not recorded'}${s.published ? ` (${s.published})` : ''}`)
              .join('; ') + (c.sources.length > 3 ? `; +${c.sources.length - 3} more (see the table)` : '')}
      </p>
    </>
  );
}
