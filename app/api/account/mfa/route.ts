import { confirmSchema } from '@/lib/schemas/account.ts';
import { startMfaEnrolment } from '@/server/account/start-mfa-enrolment.ts';
import { route } from '@/server/http/route.ts';

// Starting again replaces a pending secret another tab may be showing: asked for explicitly.
export const POST = route({ permission: 'account.manage', body: confirmSchema, duringAccountSetup: true }, ({ actor, ip }) => startMfaEnrolment(actor, { ip }));
