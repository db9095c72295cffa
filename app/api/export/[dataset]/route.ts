// GET /api/export/{dataset}.csv (issue 6): the rows of a JSON read endpoint as RFC 4180 CSV,
// streamed. Every filter is parsed and checked, and unlisted tickers refused, before the first
// byte is sent; after that the body is produced chunk by chunk as the client reads it.
import { storeForRead } from '@/server/reads';
import type { ReadModel } from '@/db/store';
import { paramsHash } from '@/lib/analytics/params';
import { DEFAULT_SUBJECT } from '@/lib/config';
import { parseQuery } from '@/lib/contracts/query';
import { exportQueries, impactParamsFrom, matrixParamsFrom, narrativeParamsFrom, testsParamsFrom } from '@/lib/contracts/read-queries';
import {
  EXPORT_DATASETS,
  csvChunks,
  csvTextChunks,
  exportFilename,
  isExportDataset,
  metaLines,
  type ExportDataset,
  type FilenameParts,
} from '@/lib/csv/export';
import { AppError } from '@/lib/domain/errors';
import { chunksToStream } from '@/server/csv-stream';
import { checkNarrativeFilter } from '@/server/queries/narrative-filter';
import { toResponse } from '@/server/http';
import {
  exportClaims,
  exportHeatmap,
  exportImpacts,
  exportLedger,
  exportNarratives,
  exportPrices,
  exportTests,
  exportTimeline,
  type ExportSource,
} from '@/server/queries/export';

type Plan = {
  source: ExportSource;
  /** Normalised parameters (without bom/meta); hashed with the dataset. */
  params: Record<string, unknown>;
  filename: FilenameParts;
  bom: boolean;
  meta: boolean;
};

const sortedOrNull = (list: readonly string[] | undefined): string[] | null =>
  list && list.length > 0 ? [...new Set(list)].sort() : null;

/**
 * The plan of an event-study dataset (impacts, narratives, tests, heatmap): its parameters are
 * the study's own, normalised and hashed by the computation; the file name carries the clock.
 */
function studyPlan(
  source: ExportSource,
  query: { asOf?: string; position?: number; bom?: boolean; meta?: boolean },
  range: { from: string | null; to: string | null } | Record<string, never> = {},
): Plan {
  return { source, params: source.params!, filename: { ...range, asOf: query.asOf ?? null, position: query.position ?? null }, bom: query.bom ?? false, meta: query.meta ?? false };
}

async function plan(read: ReadModel, dataset: ExportDataset, search: URLSearchParams): Promise<Plan> {
  switch (dataset) {
    case 'timeline': {
      const query = parseQuery(exportQueries.timeline, search);
      const clock = { asOf: query.asOf ?? null, position: query.position ?? null };
      await checkNarrativeFilter(read, query.narrative, clock);
      const filter = {
        from: query.from ?? null,
        to: query.to ?? null,
        narrative: sortedOrNull(query.narrative),
        kind: sortedOrNull(query.kind),
        ticker: sortedOrNull(query.ticker),
      };
      return {
        source: await exportTimeline(read, filter, clock),
        params: { ...filter, ...clock },
        filename: { from: filter.from, to: filter.to, ...clock },
        bom: query.bom ?? false,
        meta: query.meta ?? false,
      };
    }
    case 'claims': {
      const query = parseQuery(exportQueries.claims, search);
      const clock = { asOf: query.asOf ?? null, position: query.position ?? null };
      return { source: await exportClaims(read, clock), params: clock, filename: clock, bom: query.bom ?? false, meta: query.meta ?? false };
    }
    case 'prices': {
      const query = parseQuery(exportQueries.prices, search);
      const asked = [...new Set([...(query.ticker ?? []), ...(query.tickers ?? [])])];
      const tickers = asked.length > 0 ? asked : [DEFAULT_SUBJECT];
      const range = { from: query.from ?? null, to: query.to ?? null };
      const clock = { asOf: query.asOf ?? null, position: query.position ?? null };
      return {
        source: await exportPrices(read, tickers, range, clock),
        params: { tickers, ...range, ...clock },
        filename: { ...range, ...clock },
        bom: query.bom ?? false,
        meta: query.meta ?? false,
      };
    }
    case 'impacts': {
      const query = parseQuery(exportQueries.impacts, search);
      const range = { from: query.from ?? null, to: query.to ?? null };
      return studyPlan(await exportImpacts(read, impactParamsFrom(query), range), query, range);
    }
    case 'narratives': {
      const query = parseQuery(exportQueries.narratives, search);
      return studyPlan(await exportNarratives(read, narrativeParamsFrom(query)), query);
    }
    case 'tests': {
      const query = parseQuery(exportQueries.tests, search);
      return studyPlan(await exportTests(read, testsParamsFrom(query)), query);
    }
    case 'heatmap': {
      const query = parseQuery(exportQueries.heatmap, search);
      return studyPlan(await exportHeatmap(read, matrixParamsFrom(query)), query, { from: query.from ?? null, to: query.to ?? null });
    }
    case 'ledger': {
      const query = parseQuery(exportQueries.ledger, search);
      const filter = { after: query.after ?? null, limit: query.limit ?? null, stream: query.stream ?? null, type: query.type ?? null };
      return { source: await exportLedger(read, filter), params: filter, filename: {}, bom: query.bom ?? false, meta: query.meta ?? false };
    }
  }
}

export async function GET(request: Request, context: { params: Promise<{ dataset: string }> }) {
  try {
    const raw = decodeURIComponent((await context.params).dataset);
    const name = raw.endsWith('.csv') ? raw.slice(0, -'.csv'.length) : null;
    if (name === null || !isExportDataset(name))
      throw new AppError('not_found', `no export "${raw}"; exports are ${EXPORT_DATASETS.map((d) => `${d}.csv`).join(', ')}`);
    const dataset = name;
    const { read } = await storeForRead(request);
    const p = await plan(read, dataset, new URL(request.url).searchParams);
    const hashed = { dataset, ...p.params };
    const hash = paramsHash(hashed);
    const filename = exportFilename(dataset, p.filename);
    const meta = p.meta
      ? metaLines({
          dataset,
          position: p.source.position,
          generatedAt: new Date().toISOString(),
          params: hashed,
          paramsHash: hash,
          dataSources: await p.source.dataSources(),
        })
      : null;
    const output = { bom: p.bom, meta };
    const chunks = p.source.csv ? csvTextChunks(dataset, p.source.csv, output) : csvChunks(dataset, p.source.records, output);
    const body = chunksToStream(chunks, (error) =>
      console.error(`[impactline] export ${dataset} failed mid-stream`, error),
    );
    return new Response(body, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${filename}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'X-Impactline-Position': String(p.source.position),
        'X-Impactline-Params-Hash': hash,
      },
    });
  } catch (error) {
    return toResponse(error);
  }
}
