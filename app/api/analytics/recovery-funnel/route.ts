import { analyticsRangeSchema } from '@/lib/schemas/analytics.ts';
import { getRecoveryFunnel } from '@/server/analytics/get-recovery-funnel.ts';
import { route } from '@/server/http/route.ts';

export const GET = route({ permission: 'analytics.read', query: analyticsRangeSchema }, async ({ actor, query }) => ({
  items: await getRecoveryFunnel(actor, query),
}));
