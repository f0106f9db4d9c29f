import { confirmSchema } from '@/lib/schemas/account.ts';
import { route } from '@/server/http/route.ts';
import { resetUserMfa } from '@/server/users/reset-user-mfa.ts';

export const POST = route({ permission: 'users.manage', body: confirmSchema }, ({ actor, params, ip }) => resetUserMfa(actor, String(params.id), { ip }));
