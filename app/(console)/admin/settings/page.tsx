import type { Metadata } from 'next';
import { EmailTemplatesPanel } from '@/components/admin/email-templates-panel.tsx';
import { NotificationSettingsForm } from '@/components/admin/notification-settings-form.tsx';
import { RecoveryTargetsForm } from '@/components/admin/recovery-targets-form.tsx';
import { WebhooksPanel } from '@/components/admin/webhooks-panel.tsx';
import { requirePermission } from '@/server/auth/require-permission.ts';
import { env } from '@/server/env.ts';
import { getNotificationSettings } from '@/server/settings/get-notification-settings.ts';
import { getRecoveryTargets } from '@/server/settings/get-recovery-targets.ts';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  await requirePermission('settings.manage');
  const [targets, notifications] = [await getRecoveryTargets(), await getNotificationSettings()];
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <RecoveryTargetsForm initial={targets} />
      <NotificationSettingsForm initial={notifications} linkExpiryDays={env.LINK_EXPIRY_DAYS} />
      <EmailTemplatesPanel />
      <WebhooksPanel />
    </div>
  );
}
