// POST /api/claims/{id}/corroborate {by, reason, source, on?, expectedVersion}
import { writeHandler } from '@/server/write-gate';
import { writeRoutes } from '@/server/write-routes';

export const POST = writeHandler(writeRoutes.corroborateClaim);
