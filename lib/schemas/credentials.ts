import { z } from 'zod';
import { CREDENTIAL_STATUSES, type CredentialStatus } from '@/lib/credential-status.ts';

// The credentials list's query, shared by the route handler, the page and the client.
export const CREDENTIAL_SORTS = ['lastUpdatedAt', 'statusChangedAt', 'createdAt'] as const;

/** Accepts a repeated parameter or a comma list; drops empties. */
const list = <T extends z.ZodType>(item: T) =>
  z
    .preprocess((v) => {
      const values = Array.isArray(v) ? v : v === undefined ? [] : [v];
      return values.flatMap((s) => String(s).split(',')).map((s) => s.trim()).filter(Boolean);
    }, z.array(item))
    .default([]);

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'use a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'is not a real date');

export const credentialFiltersSchema = z.object({
  status: list(z.enum(CREDENTIAL_STATUSES, { message: `must be one of ${CREDENTIAL_STATUSES.join(', ')}` })),
  institution: list(z.string().max(100)),
  stale: z.enum(['true', 'false'], { message: 'must be true or false' }).optional().transform((v) => v === 'true'),
  owner: z.string().max(100).optional(), // a user id, or "none" for unowned credentials
  q: z.string().trim().max(100, 'must be at most 100 characters').optional().transform((v) => v || undefined),
  createdFrom: isoDate.optional(),
  createdTo: isoDate.optional(),
});

export const credentialListQuerySchema = credentialFiltersSchema.extend({
  sort: z.enum(CREDENTIAL_SORTS, { message: `must be one of ${CREDENTIAL_SORTS.join(', ')}` }).default('lastUpdatedAt'),
  order: z.enum(['asc', 'desc'], { message: 'must be asc or desc' }).default('asc'),
  limit: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200').default(50),
  cursor: z.string().max(200).optional(),
});

export type CredentialFilters = z.infer<typeof credentialFiltersSchema>;
export type CredentialListQuery = z.infer<typeof credentialListQuerySchema>;

export interface CredentialListItem {
  token: string;
  institution: { id: string; name: string };
  status: CredentialStatus;
  lastUpdatedAt: string | null;
  lastAttemptAt: string | null;
  lastAttemptOutcome: string | null;
  statusChangedAt: string;
  createdAt: string;
  dataAsOf: string;
  stale: boolean;
  partialData: boolean;
  externalReference: string | null;
  owner: { id: string; name: string } | null;
  contacts: { name: string; email: string }[];
}

export interface CredentialPage {
  items: CredentialListItem[];
  nextCursor: string | null;
}

export type StatusCounts = Record<CredentialStatus, number> & { total: number };
