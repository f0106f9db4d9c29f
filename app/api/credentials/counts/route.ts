import { credentialFiltersSchema } from '@/lib/schemas/credentials.ts';
import { countCredentialsByStatus } from '@/server/credentials/count-credentials-by-status.ts';
import { route } from '@/server/http/route.ts';

export const GET = route({ permission: 'credentials.read', query: credentialFiltersSchema }, ({ actor, query }) =>
  countCredentialsByStatus(actor, query),
);
