// POST /api/timeline/{id}/amend {changes, reason, expectedVersion}
import { writeHandler } from '@/server/write-gate';
import { writeRoutes } from '@/server/write-routes';

export const POST = writeHandler(writeRoutes.amendEntry);
