import { confirmSchema } from '@/lib/schemas/account.ts';
import { route } from '@/server/http/route.ts';
import { signOutUser } from '@/server/users/sign-out-user.ts';

export const POST = route({ permission: 'users.manage', body: confirmSchema }, ({ actor, params, ip }) => signOutUser(actor, String(params.id), { ip }));
