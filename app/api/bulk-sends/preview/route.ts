import { bulkSendPreviewQuerySchema } from '@/lib/schemas/bulk-sends.ts';
import { route } from '@/server/http/route.ts';
import { previewBulkSend } from '@/server/bulk-sends/preview-bulk-send.ts';

export const GET = route({ permission: 'links.bulkSend', query: bulkSendPreviewQuerySchema }, ({ actor, query: { flow, ...filters } }) => previewBulkSend(actor, flow, filters));
