import { analyticsRangeSchema } from '@/lib/schemas/analytics.ts';
import { getWorstInstitutions } from '@/server/analytics/get-worst-institutions.ts';
import { route } from '@/server/http/route.ts';

export const GET = route({ permission: 'analytics.read', query: analyticsRangeSchema }, async ({ actor, query }) => getWorstInstitutions(actor, query));
