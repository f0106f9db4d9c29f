import { analyticsRangeSchema } from '@/lib/schemas/analytics.ts';
import { getDailyOutcomes } from '@/server/analytics/get-daily-outcomes.ts';
import { route } from '@/server/http/route.ts';

export const GET = route({ permission: 'analytics.read', query: analyticsRangeSchema }, async ({ actor, query }) => ({
  items: await getDailyOutcomes(actor, query),
}));
