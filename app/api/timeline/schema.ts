import { z } from 'zod';
import { KINDS, NARRATIVE_IDS } from '@/lib/domain/schemas';
import { q } from '@/lib/http';

export const timelineQuery = z.object({
  from: q.date,
  to: q.date,
  narrative: q.list(z.enum(NARRATIVE_IDS, { message: `must be one of ${NARRATIVE_IDS.join(', ')}` })),
  kind: q.list(z.enum(KINDS, { message: `must be one of ${KINDS.join(', ')}` })),
  ticker: q.list(q.symbol),
  asOf: q.date,
  position: q.position,
});
