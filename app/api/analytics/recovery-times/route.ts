import { analyticsRangeSchema } from '@/lib/schemas/analytics.ts';
import { getRecoveryTimes } from '@/server/analytics/get-recovery-times.ts';
import { route } from '@/server/http/route.ts';

export const GET = route({ permission: 'analytics.read', query: analyticsRangeSchema }, ({ actor, query }) => getRecoveryTimes(actor, query));
