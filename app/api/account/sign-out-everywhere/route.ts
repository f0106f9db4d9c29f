import { confirmSchema } from '@/lib/schemas/account.ts';
import { signOutEverywhere } from '@/server/account/sign-out-everywhere.ts';
import { route } from '@/server/http/route.ts';

export const POST = route({ permission: 'account.manage', body: confirmSchema, duringAccountSetup: true }, ({ actor, ip }) => signOutEverywhere(actor, { ip }));
