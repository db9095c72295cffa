// POST /api/claims/{id}/dispute {by, argument, reason, source, on?, expectedVersion}
import { writeHandler } from '@/server/write-gate';
import { writeRoutes } from '@/server/write-routes';

export const POST = writeHandler(writeRoutes.disputeClaim);
