import type { Metadata } from 'next';
import { RecoveryTargetsForm } from '@/components/admin/recovery-targets-form.tsx';
import { requirePermission } from '@/server/auth/require-permission.ts';
import { getRecoveryTargets } from '@/server/settings/get-recovery-targets.ts';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  await requirePermission('settings.manage');
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <RecoveryTargetsForm initial={await getRecoveryTargets()} />
    </div>
  );
}
