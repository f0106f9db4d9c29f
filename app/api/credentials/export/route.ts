import { credentialListQuerySchema } from '@/lib/schemas/credentials.ts';
import { CREDENTIALS_CSV_HEADER, exportCredentials } from '@/server/credentials/export-credentials.ts';
import { csvResponse } from '@/server/http/csv.ts';
import { route } from '@/server/http/route.ts';

export const GET = route({ permission: 'credentials.export', query: credentialListQuerySchema }, async ({ actor, query }) =>
  csvResponse(`credops-credentials-${new Date().toISOString().slice(0, 10)}.csv`, CREDENTIALS_CSV_HEADER, exportCredentials(actor, query)),
);
