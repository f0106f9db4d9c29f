import { z } from 'zod';
import { MAX_TARGET_DAYS } from '@/lib/domain/recovery-targets.ts';

const days = z.number({ message: 'must be a number of days' }).int('must be a whole number of days').min(1, 'must be at least 1 day').max(MAX_TARGET_DAYS, `must be at most ${MAX_TARGET_DAYS} days`);

/** The Admin's recovery targets, in days, per status a link unlocks. */
export const recoveryTargetsSchema = z.object({ BLOCKED: days, PENDING_SCA: days }).strict();
export type RecoveryTargetsInput = z.infer<typeof recoveryTargetsSchema>;
