import { bulkSendPreviewQuerySchema } from '@/lib/schemas/links.ts';
import { route } from '@/server/http/route.ts';
import { previewBulkSend } from '@/server/links/bulk-send.ts';

export const GET = route({ permission: 'links.bulkSend', query: bulkSendPreviewQuerySchema }, ({ actor, query: { flow, ...filters } }) => previewBulkSend(actor, flow, filters));
