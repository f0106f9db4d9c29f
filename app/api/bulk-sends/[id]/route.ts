import { z } from 'zod';
import { route } from '@/server/http/route.ts';
import { getBulkSend } from '@/server/bulk-sends/get-bulk-send.ts';

const query = z.object({ after: z.coerce.number({ message: 'must be a number' }).int().min(0).optional() });

export const GET = route({ permission: 'links.bulkSend', query }, ({ actor, params, query: { after } }) => getBulkSend(actor, String(params.id), { after }));
