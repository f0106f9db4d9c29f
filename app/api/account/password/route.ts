import { changePasswordSchema } from '@/lib/schemas/account.ts';
import { changePassword } from '@/server/account/change-password.ts';
import { route } from '@/server/http/route.ts';

export const POST = route({ permission: 'account.manage', body: changePasswordSchema, duringAccountSetup: true }, ({ actor, body, ip }) => changePassword(actor, body, { ip }));
