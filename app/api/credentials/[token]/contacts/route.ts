import { addContactSchema } from '@/lib/schemas/credentials.ts';
import { addCredentialContact } from '@/server/credentials/add-credential-contact.ts';
import { route } from '@/server/http/route.ts';

export const POST = route({ permission: 'credentials.edit', body: addContactSchema }, ({ actor, params, body, ip }) =>
  addCredentialContact(actor, String(params.token), body, { ip }),
);
