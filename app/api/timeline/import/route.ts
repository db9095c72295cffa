// POST /api/timeline/import[?dryRun=1]: timeline entries from a CSV in the timeline export's
// columns (text/csv body), imported as a bundle: all or nothing.
import { writeHandler } from '@/server/write-gate';
import { writeRoutes } from '@/server/write-routes';

export const POST = writeHandler(writeRoutes.importTimeline);
