import { updateCredentialSchema } from '@/lib/schemas/credentials.ts';
import { getCredential } from '@/server/credentials/get-credential.ts';
import { updateCredential } from '@/server/credentials/update-credential.ts';
import { route } from '@/server/http/route.ts';

export const GET = route({ permission: 'credentials.read' }, ({ actor, params }) => getCredential(actor, String(params.token)));

export const PATCH = route({ permission: 'credentials.edit', body: updateCredentialSchema }, ({ actor, params, body, ip }) =>
  updateCredential(actor, String(params.token), body, { ip }),
);
