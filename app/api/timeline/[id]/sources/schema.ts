import { z } from 'zod';
import type { Rules } from '@/lib/server/command-route';

export const attachSourceBody = (r: Rules) =>
  z.object({ source: r.source, reason: r.reason, expectedVersion: r.expectedVersion }).strict();
