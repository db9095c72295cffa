// POST /api/episodes/import[?dryRun=1]: an episode bundle {narratives?, tickers?, entries?, claims?},
// checked item by item and recorded all or nothing in one transaction.
import { writeHandler } from '@/server/write-gate';
import { writeRoutes } from '@/server/write-routes';

export const POST = writeHandler(writeRoutes.importEpisode);
