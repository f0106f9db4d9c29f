import { linkPreviewQuerySchema } from '@/lib/schemas/links.ts';
import { route } from '@/server/http/route.ts';
import { previewLinkEmail } from '@/server/links/preview-link-email.ts';

export const GET = route({ permission: 'links.send', query: linkPreviewQuerySchema }, ({ actor, params, query }) => previewLinkEmail(actor, String(params.token), query));
