// The test battery and the heatmap matrix as CSV records (issue 15): one row per test, and one
// per event × ticker. Each row carries the stamp of how it was computed (window, benchmark,
// model, returns, estimation, gap, as-of, ledger position, params hash), like the other exports.
import { TEST_INFO, TEST_NAMES } from '@/lib/analytics/battery';
import { returnsOf } from '@/lib/analytics/params';
import type { MatrixResponse, TestsResponse } from '@/lib/contracts/read';
import type { ExportRecord } from '@/lib/csv/cells';

type Stamped = Pick<TestsResponse, 'position' | 'params_hash' | 'window'> & { params: TestsResponse['params'] | MatrixResponse['params'] };

function stamp(body: Stamped): ExportRecord {
  const p = body.params;
  return {
    window_from: body.window.from,
    window_to: body.window.to,
    benchmark: p.benchmark,
    model: p.model,
    returns: returnsOf(p),
    estimation: p.estimation,
    gap: p.gap,
    as_of: p.asOf,
    position: body.position,
    params_hash: body.params_hash,
  };
}

/** One row per test, in the battery's order; `pairs` lists the sample as event@TICKER. */
export function testRecords(body: TestsResponse): ExportRecord[] {
  const s = stamp(body);
  const pairs = body.pairs.map((p) => `${p.event}@${p.ticker}`);
  return TEST_NAMES.map((name) => {
    const t = body.tests[name];
    return {
      test: name,
      label: TEST_INFO[name].label,
      statistic: t.statistic,
      p_value: t.p_value,
      n: t.n,
      distribution: t.distribution,
      df: t.df ?? null,
      reason: t.reason ?? null,
      ...s,
      pairs,
    };
  });
}

/** One row per event × ticker, rows by event date then ticker order; a null cell keeps its reason. */
export function heatmapRecords(body: MatrixResponse): ExportRecord[] {
  const s = stamp(body);
  return body.events.flatMap((e, r) =>
    body.tickers.map((ticker, c) => {
      const cell = body.cells[r]![c] ?? null;
      return {
        event_id: e.id,
        event_date: e.date,
        event_title: e.title,
        narrative: e.narrative,
        kind: e.kind,
        ticker,
        car: cell?.car ?? null,
        t_stat: cell?.t ?? null,
        p_value: cell?.p ?? null,
        reason: body.reasons[r]![c] ?? null,
        ...s,
      };
    }),
  );
}
