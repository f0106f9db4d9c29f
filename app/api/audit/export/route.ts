import { auditQuerySchema } from '@/lib/schemas/audit.ts';
import { AUDIT_CSV_HEADER, exportAuditEvents } from '@/server/audit/export-audit-events.ts';
import { csvResponse } from '@/server/http/csv.ts';
import { route } from '@/server/http/route.ts';

export const GET = route({ permission: 'audit.read', query: auditQuerySchema }, async ({ actor, query }) =>
  csvResponse(`credops-audit-${new Date().toISOString().slice(0, 10)}.csv`, AUDIT_CSV_HEADER, exportAuditEvents(actor, query)),
);
