import { confirmMfaSchema } from '@/lib/schemas/account.ts';
import { confirmMfaEnrolment } from '@/server/account/confirm-mfa-enrolment.ts';
import { route } from '@/server/http/route.ts';

export const POST = route({ permission: 'account.manage', body: confirmMfaSchema, duringAccountSetup: true }, ({ actor, body, ip }) => confirmMfaEnrolment(actor, body, { ip }));
