// POST /api/timeline/{id}/retract {reason, expectedVersion}
import { writeHandler } from '@/server/write-gate';
import { writeRoutes } from '@/server/write-routes';

export const POST = writeHandler(writeRoutes.retractEntry);
