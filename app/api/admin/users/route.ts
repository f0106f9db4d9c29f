import { createUserSchema } from '@/lib/schemas/users.ts';
import { route } from '@/server/http/route.ts';
import { createUser } from '@/server/users/create-user.ts';
import { listUsers } from '@/server/users/list-users.ts';

export const GET = route({ permission: 'users.manage' }, async ({ actor }) => ({ items: await listUsers(actor) }));

export const POST = route({ permission: 'users.manage', body: createUserSchema }, ({ actor, body, ip }) => createUser(actor, body, { ip }));
