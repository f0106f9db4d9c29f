import 'server-only';
import { z } from 'zod';
import type { FlanksCredentialListItem, FlanksCredentialStatus, FlanksDataFlags, FlanksEntity, FlanksPage } from '../flanks-client.ts';

// Tolerant where Flanks' documentation varies (extra fields; `transactions` vs `transaction`),
// strict about what CredOps needs (a status object without `blocked` is not a status object).

const flags = z.record(z.string(), z.boolean().nullable()).nullable().optional();
const dataFlags = z
  .object({ product: flags, transactions: flags, transaction: flags })
  .passthrough()
  .nullable()
  .optional()
  .transform((v): FlanksDataFlags | null => {
    if (!v) return null;
    const clean = (r: Record<string, boolean | null> | null | undefined) => Object.fromEntries(Object.entries(r ?? {}).map(([k, b]) => [k, Boolean(b)]));
    return { product: clean(v.product), transactions: clean(v.transactions ?? v.transaction) };
  });

const timestamp = z.number().finite().nonnegative();

export const flanksStatusSchema = z
  .object({
    pending: z.boolean(),
    blocked: z.boolean(),
    reset_token: z.string().nullable().optional().transform((v) => v ?? null),
    sca_token: z.string().nullable().optional().transform((v) => v ?? null),
    name: z.string(),
    last_update_timestamp: timestamp.nullable().optional().transform((v) => v ?? null),
    created_at_timestamp: timestamp,
    errored: dataFlags,
  })
  .passthrough();

export const flanksListSchema = z.object({
  // Items are documented only loosely; the token is all CredOps needs from them.
  items: z.array(z.object({ credentials_token: z.string().min(1) }).passthrough()),
  page: z.number().int(),
  pages: z.number().int().nonnegative(),
});

export const flanksEntitiesSchema = z.array(
  z.object({ id: z.union([z.string(), z.number()]).transform(String), name: z.string(), country: z.string().nullable().optional() }).passthrough(),
);

export const flanksTokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().positive().optional() }).passthrough();

export class FlanksMalformedResponse extends Error {
  constructor(what: string, detail: string) {
    super(`Flanks sent a malformed ${what}: ${detail}`);
    this.name = 'FlanksMalformedResponse';
  }
}

function parseWith<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new FlanksMalformedResponse(what, parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'} ${i.message}`).join('; '));
  return parsed.data;
}

export function parseStatus(body: unknown, token: string): FlanksCredentialStatus {
  const s = parseWith(flanksStatusSchema, body, `status object for credential ${token}`);
  return {
    pending: s.pending,
    blocked: s.blocked,
    reset_token: s.reset_token,
    sca_token: s.sca_token,
    name: s.name,
    last_update_timestamp: s.last_update_timestamp,
    created_at_timestamp: s.created_at_timestamp,
    errored: s.errored,
  };
}

export function parseList(body: unknown): FlanksPage<FlanksCredentialListItem> {
  const list = parseWith(flanksListSchema, body, 'credentials list');
  return { items: list.items.map((i) => ({ credentials_token: i.credentials_token })), page: list.page, pages: list.pages };
}

export function parseEntities(body: unknown): FlanksEntity[] {
  return parseWith(flanksEntitiesSchema, body, 'list of institutions').map((e) => ({ id: e.id, name: e.name, country: e.country ?? '' }));
}

export function parseToken(body: unknown) {
  return parseWith(flanksTokenSchema, body, 'token response');
}
