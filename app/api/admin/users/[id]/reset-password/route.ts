import { confirmSchema } from '@/lib/schemas/account.ts';
import { route } from '@/server/http/route.ts';
import { resetUserPassword } from '@/server/users/reset-user-password.ts';

export const POST = route({ permission: 'users.manage', body: confirmSchema }, ({ actor, params, ip }) => resetUserPassword(actor, String(params.id), { ip }));
