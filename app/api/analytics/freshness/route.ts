import { analyticsRangeSchema } from '@/lib/schemas/analytics.ts';
import { getDataFreshness } from '@/server/analytics/get-data-freshness.ts';
import { route } from '@/server/http/route.ts';

export const GET = route({ permission: 'analytics.read', query: analyticsRangeSchema }, async ({ actor, query }) => getDataFreshness(actor, query));
