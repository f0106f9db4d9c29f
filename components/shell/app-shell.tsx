import Link from 'next/link';
import { OWNER_ME } from '@/lib/domain/owner-filter.ts';
import { Suspense, type ReactNode } from 'react';
import { SavedViewsNav } from '@/components/views/saved-views-nav.tsx';
import type { SavedView } from '@/lib/schemas/views.ts';
import { SignOutButton } from '@/components/auth/sign-out-button.tsx';
import { SyncBanner, SyncStatusLine, type SyncIndicatorProps } from '@/components/sync/sync-indicator.tsx';
import { FocusHeadingOnNavigation } from './focus-heading-on-navigation.tsx';
import { ShortcutsHelp } from './shortcuts-help.tsx';
import { ThemeToggle } from './theme-toggle.tsx';

interface Props {
  nav: { href: string; label: string }[];
  user: { name: string; role: string };
  sync: SyncIndicatorProps;
  /** The signed-in user's own Blocked and Pending SCA credentials. */
  needingAction: number;
  views: SavedView[];
  children: ReactNode;
}

export function AppShell({ nav, user, sync, needingAction, views, children }: Props) {
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:shadow-lg">Skip to content</a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
          <Link href="/credentials" className="text-lg font-semibold tracking-tight">CredOps</Link>
          <nav aria-label="Main" className="order-last flex w-full flex-wrap gap-x-4 gap-y-1 text-sm md:order-none md:w-auto">
            {nav.map((item) => (
              <Link key={item.href} href={item.href} className="whitespace-nowrap text-slate-700 hover:text-slate-900 hover:underline">{item.label}</Link>
            ))}
            {needingAction > 0 && (
              <Link href={`/credentials?owner=${OWNER_ME}&status=BLOCKED,PENDING_SCA`} className="whitespace-nowrap rounded-full bg-amber-100 px-2 text-amber-900 hover:underline" data-testid="mine-needing-action">
                {needingAction.toLocaleString('en')} of yours need action
              </Link>
            )}
          </nav>
          <div className="ml-auto flex flex-wrap items-center justify-end gap-x-3 gap-y-1 text-sm">
            <span className="hidden lg:inline"><SyncStatusLine {...sync} /></span>
            <Link href="/account" className="text-slate-700 hover:underline" title="Your account: password and sessions">{user.name} <span className="hidden text-slate-500 sm:inline">· {user.role}</span></Link>
            <ShortcutsHelp />
            <ThemeToggle />
            <SignOutButton />
          </div>
        </div>
        {/* useSearchParams marks the open view; without a boundary it would make every page dynamic-only. */}
        <Suspense>
          <SavedViewsNav initial={views} />
        </Suspense>
      </header>
      <SyncBanner {...sync} />
      <FocusHeadingOnNavigation />
      <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 outline-none sm:px-6">{children}</main>
    </div>
  );
}
