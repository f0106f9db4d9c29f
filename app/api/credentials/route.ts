import { credentialListQuerySchema } from '@/lib/schemas/credentials.ts';
import { listCredentials } from '@/server/credentials/list-credentials.ts';
import { route } from '@/server/http/route.ts';

export const GET = route({ permission: 'credentials.read', query: credentialListQuerySchema }, ({ actor, query }) =>
  listCredentials(actor, query),
);
