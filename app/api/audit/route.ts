import { auditQuerySchema } from '@/lib/schemas/audit.ts';
import { listAuditEvents } from '@/server/audit/list-audit-events.ts';
import { route } from '@/server/http/route.ts';

export const GET = route({ permission: 'audit.read', query: auditQuerySchema }, ({ actor, query }) => listAuditEvents(actor, query));
