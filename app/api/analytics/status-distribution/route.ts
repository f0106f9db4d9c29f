import { analyticsRangeSchema } from '@/lib/schemas/analytics.ts';
import { getStatusDistribution } from '@/server/analytics/get-status-distribution.ts';
import { route } from '@/server/http/route.ts';

export const GET = route({ permission: 'analytics.read', query: analyticsRangeSchema }, async ({ actor, query }) => ({
  items: await getStatusDistribution(actor, query),
}));
