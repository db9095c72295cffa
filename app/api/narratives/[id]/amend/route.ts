// POST /api/narratives/{id}/amend {changes: {label?, description?, color?, sort_order?}, reason, expectedVersion}
import { writeHandler } from '@/server/write-gate';
import { writeRoutes } from '@/server/write-routes';

export const POST = writeHandler(writeRoutes.amendNarrative);
