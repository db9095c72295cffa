// POST /api/prices/{ticker}/import: record a daily price file (Yahoo, Stooq or our own export,
// sent as the text/csv body) in the ledger, all or nothing unless ?onInvalid=skip.
import { writeHandler } from '@/server/write-gate';
import { writeRoutes } from '@/server/write-routes';

export const POST = writeHandler(writeRoutes.importPrices);
