// POST /api/claims/{id}/revise {value, reason, source, on?, expectedVersion}
import { writeHandler } from '@/server/write-gate';
import { writeRoutes } from '@/server/write-routes';

export const POST = writeHandler(writeRoutes.reviseClaim);
