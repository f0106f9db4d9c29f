import { z } from 'zod';
import { removeCredentialContact } from '@/server/credentials/remove-credential-contact.ts';
import { AppError } from '@/lib/domain/app-error.ts';
import { route } from '@/server/http/route.ts';

const contactId = z.coerce.number().int().positive();

export const DELETE = route({ permission: 'credentials.edit' }, ({ actor, params, ip }) => {
  const id = contactId.safeParse(params.contactId);
  if (!id.success) throw new AppError('BAD_REQUEST', 'contactId: must be a contact id (a positive whole number)');
  return removeCredentialContact(actor, String(params.token), id.data, { ip });
});
