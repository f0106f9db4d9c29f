import type { Metadata } from 'next';
import { ViewsManager } from '@/components/views/views-manager.tsx';
import { requirePermission } from '@/server/auth/require-permission.ts';
import { listViews } from '@/server/views/list-views.ts';

export const metadata: Metadata = { title: 'Views' };

export default async function ViewsPage() {
  const actor = await requirePermission('credentials.read');
  const views = await listViews(actor, { counts: true });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Views</h1>
      <p className="text-sm text-slate-600">Saved states of the credentials list. Shared ones appear in everyone’s navigation with their live count.</p>
      <ViewsManager initial={views} />
    </div>
  );
}
