import { z } from 'zod';
import { LANGUAGES } from '@/lib/domain/languages.ts';
import { linkFlowSchema } from './links.ts';

// Link email templates as the API takes and returns them (GET /api/admin/email-templates,
// PUT/DELETE /api/admin/email-templates/{flow}/{language}). Safe on both sides.

export const emailTemplateSchema = z
  .object({
    subject: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    body: z.string().trim().min(1, 'must not be empty').max(5000, 'must be at most 5,000 characters'),
  })
  .strict();
export type EmailTemplateInput = z.infer<typeof emailTemplateSchema>;

export const emailTemplateParamsSchema = z.object({ flow: linkFlowSchema, language: z.enum(LANGUAGES, `must be one of ${LANGUAGES.join(', ')}`) });

/** GET …/email-templates/preview: the email a template would write, before it is saved. */
export const emailTemplatePreviewQuerySchema = emailTemplateParamsSchema.extend(emailTemplateSchema.shape);

export interface EmailTemplateView {
  flow: 'SCA' | 'RESET';
  language: (typeof LANGUAGES)[number];
  subject: string;
  body: string;
  /** An Admin's wording (false: the catalogue's). */
  edited: boolean;
  updatedAt: string | null;
  /** The catalogue's wording, to go back to. */
  default: { subject: string; body: string };
}
