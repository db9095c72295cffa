// POST /api/prices/{ticker}/import/preview: a dry run of the import; writes nothing.
import { writeHandler } from '@/server/write-gate';
import { writeRoutes } from '@/server/write-routes';

export const POST = writeHandler(writeRoutes.previewImport);
