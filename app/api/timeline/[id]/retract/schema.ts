import { z } from 'zod';
import type { Rules } from '@/lib/server/command-route';

export const retractEntryBody = (r: Rules) => z.object({ reason: r.reason, expectedVersion: r.expectedVersion }).strict();
