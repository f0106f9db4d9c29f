import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell.tsx';
import { can } from '@/lib/domain/permissions.ts';
import { requireActor } from '@/server/auth/require-actor.ts';
import { configuredTransport } from '@/server/email/email-transport.ts';
import { ROLE_LABELS } from '@/lib/domain/roles.ts';
import { getSyncStatus } from '@/server/sync/get-sync-status.ts';
import { countCredentialsByStatus } from '@/server/credentials/count-credentials-by-status.ts';
import { OWNER_ME } from '@/lib/domain/owner-filter.ts';
import { listViews } from '@/server/views/list-views.ts';

// The one place that sends signed-out visitors to the sign-in page.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  const nav = [
    { href: '/credentials', label: 'Credentials' },
    ...(can(actor, 'analytics.read') ? [{ href: '/analytics', label: 'Analytics' }] : []),
    { href: '/views', label: 'Views' },
    ...(can(actor, 'users.manage') ? [{ href: '/admin/users', label: 'Users' }] : []),
    ...(can(actor, 'audit.read') ? [{ href: '/audit', label: 'Audit log' }] : []),
    ...(can(actor, 'settings.manage') ? [{ href: '/admin/settings', label: 'Settings' }] : []),
    ...(can(actor, 'mailbox.read') && configuredTransport().kind === 'mailbox' ? [{ href: '/admin/mailbox', label: 'Mailbox' }] : []),
  ];
  // The owner's own to-do: their credentials that a link could unlock (read from the status counters).
  const [mine, views] = await Promise.all([countCredentialsByStatus(actor, { owner: OWNER_ME }, { aging: false }), listViews(actor)]);
  const needingAction = mine.BLOCKED + mine.PENDING_SCA;
  return (
    <AppShell nav={nav} user={{ name: actor.name, role: ROLE_LABELS[actor.role] }} sync={await getSyncStatus()} needingAction={needingAction} views={views}>
      {children}
    </AppShell>
  );
}
