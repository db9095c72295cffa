// POST /api/prices/{ticker}/import/preview: a dry run of the import with the same parser and plan.
// Returns the validation report, the first parsed rows and what the import would record; writes nothing.
import { listBars } from '@/db/queries/market';
import { reportFields } from '@/lib/csv/price-file/plan';
import { decideImportBars, type ImportSummary } from '@/lib/domain/reference';
import type { BarValues } from '@/lib/domain/events';
import { toResponse } from '@/lib/http';
import { readImportRequest } from '../read-request';

const PREVIEW_ROWS = 20;

export async function POST(request: Request, context: { params: Promise<{ ticker: string }> }) {
  try {
    const { symbol, db, report, plan } = await readImportRequest(request, context.params);

    // What the import would record, decided by the same pure decider against the bars held now.
    let would: ImportSummary | null = null;
    if (plan.ok) {
      let min = plan.bars[0]!.date;
      let max = min;
      for (const b of plan.bars) {
        if (b.date < min) min = b.date;
        if (b.date > max) max = b.date;
      }
      const existing = new Map<string, BarValues>();
      for (const { date, ...values } of listBars(db, symbol, { from: min, to: max })) existing.set(date, values);
      // The ticker is listed (checked above); the decider only needs to know that.
      const listed = { status: 'listed' as const, ticker: { symbol: symbol, name: symbol, exchange: null, role: 'peer' as const, shares_outstanding: null } };
      would = decideImportBars({ symbol: symbol, source: 'preview', bars: plan.bars }, listed, existing).summary;
    }
    return Response.json({
      ticker: symbol,
      ok: plan.ok,
      message: plan.message,
      ...reportFields(report, plan),
      would,
      preview: plan.bars.slice(0, PREVIEW_ROWS).map((b) => ({
        line: b.line,
        date: b.date,
        open: b.open,
        high: b.high,
        low: b.low,
        close: b.close,
        adj_close: b.adj_close,
        volume: b.volume,
      })),
    });
  } catch (error) {
    return toResponse(error);
  }
}
