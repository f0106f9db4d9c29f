import 'server-only';
import type { Db } from '@/server/db/client.ts';

/** The worklists an operations team starts with, shared by the demo's Operations person. */
export const DEMO_SHARED_VIEWS = [
  { name: 'Blocked over target', query: 'status=BLOCKED&overTarget=true' },
  { name: 'Pending SCA, no link sent', query: 'status=PENDING_SCA&link=none' },
  { name: 'Recurring', query: 'recurring=true' },
];

export async function seedSharedViews(db: Db, now = new Date()): Promise<void> {
  const ops = await db.user.findUniqueOrThrow({ where: { email: 'ops@credops.test' } });
  for (const view of DEMO_SHARED_VIEWS) {
    await db.savedView.upsert({
      where: { createdById_name: { createdById: ops.id, name: view.name } },
      create: { ...view, shared: true, createdById: ops.id, updatedAt: now },
      update: {},
    });
  }
}
