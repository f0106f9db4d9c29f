import { z } from 'zod';
import { OWNER_NONE } from '@/lib/domain/owner-filter.ts';
import { credentialFiltersSchema } from './credentials.ts';
import { NO_CONTROL_CHARACTERS, noControlCharacters } from './no-control-characters.ts';

// Bulk assignments as the API takes and returns them: one owner for picked rows or for a whole filter.

export const MAX_ASSIGNED_TOKENS = 1_000;

const ownerIdSchema = z.string().min(1).max(100).refine(noControlCharacters, NO_CONTROL_CHARACTERS).nullable();

export const startAssignmentSchema = z
  .object({
    /** The new owner's user id; null unassigns. */
    ownerId: ownerIdSchema,
    tokens: z.array(z.string().min(1).max(200).refine(noControlCharacters, NO_CONTROL_CHARACTERS)).min(1, 'pick at least one credential').max(MAX_ASSIGNED_TOKENS, `at most ${MAX_ASSIGNED_TOKENS} tokens: for more, assign by filter`).optional(),
    // The credentials list's filters, as its URL query carries them: { "status": "BLOCKED", "overTarget": "true" }.
    filter: credentialFiltersSchema.optional(),
    /** How many credentials the preview showed for `filter`: a different count now is a 409, not a surprise. */
    expectedCount: z.number({ message: 'must be a number' }).int().min(0).optional(),
  })
  .strict()
  .refine((v) => (v.tokens === undefined) !== (v.filter === undefined), { message: 'send either tokens or filter (with expectedCount)' })
  .refine((v) => v.filter === undefined || v.expectedCount !== undefined, { message: 'expectedCount: required with filter (the count the preview showed)', path: ['expectedCount'] });
export type StartAssignmentInput = z.infer<typeof startAssignmentSchema>;

/** The filters, and `to`: the new owner's id, or "none" to unassign (a query string cannot say null). */
export const assignmentPreviewQuerySchema = credentialFiltersSchema.extend({
  to: z.string().min(1).max(100).refine(noControlCharacters, NO_CONTROL_CHARACTERS).optional().transform((v) => (v === OWNER_NONE ? null : v)),
});

export interface AssignmentPreview {
  total: number;
  /** The credentials' current owners, most credentials first (null: unassigned). */
  from: { owner: { id: string; name: string } | null; count: number }[];
  /** Already owned by the new owner: left as they are. */
  unchanged: number;
}

/** ASSIGNED: the owner changed; UNCHANGED: it already had this owner. */
export type AssignmentResult = 'ASSIGNED' | 'UNCHANGED';

export interface AssignmentProgress {
  id: string;
  owner: { id: string; name: string } | null;
  createdAt: string;
  createdBy: string;
  finishedAt: string | null;
  total: number;
  processed: number;
  results: Partial<Record<AssignmentResult, number>>;
  /** Per credential, for assignments of picked rows (a filter's can be tens of thousands). */
  items?: { token: string; result: AssignmentResult; from: string | null }[];
}
