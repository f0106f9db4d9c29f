import Link from 'next/link';
import type { ReactNode } from 'react';
import { SignOutButton } from '@/components/auth/sign-out-button.tsx';
import { SyncBanner, SyncStatusLine, type SyncIndicatorProps } from '@/components/sync/sync-indicator.tsx';

export function AppShell({ nav, user, sync, children }: { nav: { href: string; label: string }[]; user: { name: string; role: string }; sync: SyncIndicatorProps; children: ReactNode }) {
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center gap-6 px-6 py-3">
          <Link href="/credentials" className="text-lg font-semibold tracking-tight">CredOps</Link>
          <nav aria-label="Main" className="flex gap-4 text-sm">
            {nav.map((item) => (
              <Link key={item.href} href={item.href} className="text-slate-700 hover:text-slate-900 hover:underline">{item.label}</Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <SyncStatusLine {...sync} />
            <Link href="/account" className="text-slate-700 hover:underline" title="Your account: password and sessions">{user.name} <span className="text-slate-500">· {user.role}</span></Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <SyncBanner {...sync} />
      <main className="mx-auto max-w-7xl px-6 py-6">{children}</main>
    </div>
  );
}
