import { z } from 'zod';
import { credentialListQuerySchema } from './credentials.ts';
import { NO_CONTROL_CHARACTERS, noControlCharacters } from './no-control-characters.ts';
import { searchParamsObject } from './search-params-object.ts';

// Saved views: a name and the credentials list's query string, personal or shared with everyone.

/**
 * A list query as a view keeps it: validated as the list validates it, without a page position (a
 * view opens on its first page). The server stores it written the list's own way (server/views).
 */
export const viewQuerySchema = z
  .string()
  .max(2000, 'must be at most 2,000 characters')
  .transform((raw, ctx) => {
    const parsed = credentialListQuerySchema.safeParse(searchParamsObject(new URLSearchParams(raw.replace(/^\?/, ''))));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: `${issue.path.join('.')}: ${issue.message}` });
      return z.NEVER;
    }
    return { ...parsed.data, cursor: undefined, before: undefined, start: undefined };
  });

const viewNameSchema = z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters').refine(noControlCharacters, NO_CONTROL_CHARACTERS);

export const createViewSchema = z.object({ name: viewNameSchema, query: viewQuerySchema, shared: z.boolean().default(false) }).strict();
export type CreateViewInput = z.infer<typeof createViewSchema>;

export const updateViewSchema = z
  .object({ name: viewNameSchema.optional(), query: viewQuerySchema.optional(), shared: z.boolean().optional() })
  .strict()
  .refine((v) => v.name !== undefined || v.query !== undefined || v.shared !== undefined, { message: 'send name, query or shared' });
export type UpdateViewInput = z.infer<typeof updateViewSchema>;

export const listViewsQuerySchema = z.object({ counts: z.enum(['true', 'false'], { message: 'must be true or false' }).optional().transform((v) => v === 'true') });

export interface SavedView {
  id: string;
  name: string;
  /** The list's query string, without "?". */
  query: string;
  href: string;
  shared: boolean;
  createdBy: string;
  /** The signed-in user may rename, share and delete it. */
  editable: boolean;
  /** How many credentials it matches now (when asked for). */
  count?: number;
}
