import { z } from 'zod';
import { isTimeZone, LANGUAGES } from '@/lib/domain/languages.ts';
import { isoDay } from './iso-day.ts';
import type { LinkSummary } from './links.ts';
import { NO_CONTROL_CHARACTERS, noControlCharacters } from './no-control-characters.ts';
import { CREDENTIAL_STATUSES, type CredentialStatus } from '@/lib/domain/credential-status.ts';
import type { Aging } from '@/lib/domain/recovery-targets.ts';

// The credentials list's query, shared by the route handler, the page and the client.
export const LINK_FILTERS = ['none', 'unopened'] as const;
export type LinkFilter = (typeof LINK_FILTERS)[number];
// attention: "needs attention first" (lib/domain/attention.ts), ascending = most urgent first.
export const CREDENTIAL_SORTS = ['lastUpdatedAt', 'statusChangedAt', 'createdAt', 'attention'] as const;

/** Accepts a repeated parameter or a comma list; drops empties. */
const list = <T extends z.ZodType>(item: T) =>
  z
    .preprocess((v) => {
      const values = Array.isArray(v) ? v : v === undefined ? [] : [v];
      return values.flatMap((s) => String(s).split(',')).map((s) => s.trim()).filter(Boolean);
    }, z.array(item))
    .default([]);


export const credentialFiltersSchema = z.object({
  status: list(z.enum(CREDENTIAL_STATUSES, { message: `must be one of ${CREDENTIAL_STATUSES.join(', ')}` })),
  institution: list(z.string().max(100).refine(noControlCharacters, NO_CONTROL_CHARACTERS)),
  stale: z.enum(['true', 'false'], { message: 'must be true or false' }).optional().transform((v) => v === 'true'),
  // Blocked or Pending SCA for longer than the recovery target of that status.
  overTarget: z.enum(['true', 'false'], { message: 'must be true or false' }).optional().transform((v) => v === 'true'),
  // Broke again and again (lib/domain/recurrence.ts).
  recurring: z.enum(['true', 'false'], { message: 'must be true or false' }).optional().transform((v) => v === 'true'),
  // Links since the credential entered its status: none sent yet, or one out and not opened.
  link: z.enum(LINK_FILTERS, { message: `must be one of ${LINK_FILTERS.join(', ')}` }).optional(),
  owner: z.string().max(100).refine(noControlCharacters, NO_CONTROL_CHARACTERS).optional(), // a user id, or "none" for unowned credentials
  q: z.string().trim().max(100, 'must be at most 100 characters').refine(noControlCharacters, NO_CONTROL_CHARACTERS).optional().transform((v) => v || undefined),
  createdFrom: isoDay.optional(),
  createdTo: isoDay.optional(),
});

export const credentialListQuerySchema = credentialFiltersSchema.extend({
  sort: z.enum(CREDENTIAL_SORTS, { message: `must be one of ${CREDENTIAL_SORTS.join(', ')}` }).default('lastUpdatedAt'),
  order: z.enum(['asc', 'desc'], { message: 'must be asc or desc' }).default('asc'),
  limit: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200').default(50),
  cursor: z.string().max(200).optional(), // the page after this position
  before: z.string().max(200).optional(), // the page before this position ("previous")
  // Where this page starts among the matches, for "51–100 of 1,992". The cursor, not this, decides the rows.
  start: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must be at least 0').max(1_000_000_000).optional(),
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
  /** In a status a link unlocks for longer than that status's recovery target. */
  overTarget: boolean;
  recurring: boolean;
  /** Why it ranks where it does, on a list sorted by attention (broken credentials only). */
  attention?: string;
  partialData: boolean;
  externalReference: string | null;
  owner: { id: string; name: string } | null;
  /** language and timeZone: null means the company's defaults. */
  contacts: { id: number; name: string; email: string; language: string | null; timeZone: string | null }[];
}

export interface CredentialPage {
  items: CredentialListItem[];
  nextCursor: string | null;
  /** For "previous": pass it as `before`. */
  prevCursor: string | null;
}

export type StatusCounts = Record<CredentialStatus, number> & {
  total: number;
  /** How long the Blocked and Pending SCA ones have waited; absent under filters that count rows (stale, search, dates, over target). */
  aging?: Aging;
};

export interface TimelineEvent {
  kind: 'status' | 'refresh' | 'link' | 'staff';
  observedAt: string;
  flanksUpdatedAt: string | null;
  from?: CredentialStatus | null;
  to?: CredentialStatus;
  trigger?: string | null;
  outcome?: string;
  errored?: string | null;
  /** kind 'link': what happened to an SCA or Reset link, and who or what it concerns. */
  link?: { flow: 'SCA' | 'RESET'; event: 'sent' | 'reminded' | 'opened' | 'completed' | 'failed' | 'revoked'; detail: string };
  /** kind 'staff': a staff member's change to the credential, from the audit log. */
  staff?: { who: string; did: string };
}

export interface CredentialDetail extends CredentialListItem {
  notes: string | null;
  timeline: TimelineEvent[];
  links: LinkSummary[];
  verdict: string;
}

export const updateCredentialSchema = z
  .object({
    ownerId: z.string().max(100).nullable().optional(),
    notes: z.string().max(5000, 'must be at most 5000 characters').nullable().optional(),
  })
  .strict()
  .refine((v) => v.ownerId !== undefined || v.notes !== undefined, { message: 'send ownerId, notes, or both' });

export const addContactSchema = z
  .object({
    name: z.string().trim().min(1, 'is required').max(100),
    email: z.string().trim().toLowerCase().email('must be an email address').max(200),
    // What their emails and link pages are written in; omitted, the company's DEFAULT_LANGUAGE.
    language: z.enum(LANGUAGES, `must be one of ${LANGUAGES.join(', ')}`).optional(),
    // Whose clock quiet hours and dates follow (IANA); omitted, the company's DEFAULT_TIME_ZONE.
    timeZone: z.string().max(64).refine(isTimeZone, 'must be an IANA time zone, e.g. Europe/Madrid').optional(),
  })
  .strict();

export type UpdateCredentialInput = z.infer<typeof updateCredentialSchema>;
export type AddContactInput = z.infer<typeof addContactSchema>;
