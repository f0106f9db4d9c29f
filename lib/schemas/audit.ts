import { z } from 'zod';
import { isoDay } from './iso-day.ts';
import { NO_CONTROL_CHARACTERS, noControlCharacters } from './no-control-characters.ts';

const text = z.string().trim().max(200).refine(noControlCharacters, NO_CONTROL_CHARACTERS).optional().transform((v) => v || undefined);

export const auditQuerySchema = z.object({
  actor: text, // part of the actor's email
  action: text,
  target: text, // a target id, e.g. a user id or a credentials token
  from: isoDay.optional(),
  to: isoDay.optional(),
  limit: z.coerce.number({ message: 'must be a number' }).int().min(1, 'must be at least 1').max(200, 'must be at most 200').default(50),
  cursor: z.coerce.number({ message: 'is not a cursor this API returned' }).int().positive().optional(),
});

export type AuditQuery = z.infer<typeof auditQuerySchema>;

export interface AuditEventItem {
  id: number;
  createdAt: string;
  actorEmail: string;
  action: string;
  targetType: string;
  targetId: string | null;
  details: string | null;
  ip: string | null;
}
