import { updateUserSchema } from '@/lib/schemas/users.ts';
import { route } from '@/server/http/route.ts';
import { updateUser } from '@/server/users/update-user.ts';

export const PATCH = route({ permission: 'users.manage', body: updateUserSchema }, ({ actor, body, params, ip }) =>
  updateUser(actor, String(params.id), body, { ip }),
);
