'use client';

import { useQuery } from '@tanstack/react-query';
import { Users } from 'lucide-react';
import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { viewQueries } from '@/lib/queries/views.ts';
import type { SavedView } from '@/lib/schemas/views.ts';
import { cn } from '@/lib/cn.ts';

/** The saved views, shared first, each with how many credentials it matches now; the open one is marked. */
export function SavedViewsNav({ initial }: { initial: SavedView[] }) {
  const { data: views } = useQuery(viewQueries.withCounts(initial));
  const pathname = usePathname();
  const search = useSearchParams().toString();
  if (!views?.length) return null;
  return (
    <nav aria-label="Saved views" className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-3 gap-y-1 px-4 pb-2 text-sm sm:px-6">
      <span aria-hidden className="font-medium text-slate-600">Views</span>
      {views.map((view) => {
        const current = pathname === '/credentials' && search === view.query;
        return (
          <Link
            key={view.id}
            href={view.href}
            aria-current={current ? 'page' : undefined}
            className={cn('inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 hover:underline', current ? 'border-slate-900 bg-slate-900 text-white' : 'border-slate-300 text-slate-700')}
            data-testid="saved-view"
          >
            {view.shared && <Users aria-label="Shared" className="size-3.5" />}
            {view.name}
            {view.count !== undefined && <span className="tabular-nums opacity-80">{view.count.toLocaleString('en')}</span>}
          </Link>
        );
      })}
    </nav>
  );
}
