import { getAssignment } from '@/server/assignments/get-assignment.ts';
import { route } from '@/server/http/route.ts';

export const GET = route({ permission: 'credentials.assign' }, ({ actor, params }) => getAssignment(actor, String(params.id)));
