import { z } from 'zod';
import { isTimeZone } from '@/lib/domain/languages.ts';

// The signed-in user's own account, as the API takes it. Safe on both sides.

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'is required').max(200),
    // The strength rule runs on the server (zxcvbn's dictionaries stay out of the browser bundle).
    newPassword: z.string().min(1, 'is required').max(200, 'must be at most 200 characters'),
  })
  .strict();
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const confirmMfaSchema = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'must be the 6 digits your authenticator shows') }).strict();
export type ConfirmMfaInput = z.infer<typeof confirmMfaSchema>;

/** Acts that cannot be undone (ending sessions, replacing a password) say so in the request: `{ "confirm": true }`. */
export const confirmSchema = z.object({ confirm: z.literal(true, 'send {"confirm": true} to confirm') }).strict();

/** PATCH /api/account/digest: your daily digest on or off, and the clock it follows (null: the company's). */
export const digestPreferencesSchema = z
  .object({
    digestEnabled: z.boolean({ message: 'must be true or false' }),
    timeZone: z.string().max(64).refine(isTimeZone, 'must be an IANA time zone, e.g. Europe/Madrid').nullable().optional(),
  })
  .strict();
export type DigestPreferencesInput = z.infer<typeof digestPreferencesSchema>;
