import { assignmentPreviewQuerySchema } from '@/lib/schemas/assignments.ts';
import { previewAssignment } from '@/server/assignments/preview-assignment.ts';
import { route } from '@/server/http/route.ts';

export const GET = route({ permission: 'credentials.assign', query: assignmentPreviewQuerySchema }, ({ actor, query: { to, ...filters } }) => previewAssignment(actor, filters, to));
