import { emailTemplatePreviewQuerySchema } from '@/lib/schemas/email-templates.ts';
import { route } from '@/server/http/route.ts';
import { previewEmailTemplate } from '@/server/email-templates/email-templates.ts';

export const GET = route({ permission: 'settings.manage', query: emailTemplatePreviewQuerySchema }, async ({ actor, query }) => previewEmailTemplate(actor, query));
