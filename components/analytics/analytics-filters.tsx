import Link from 'next/link';
import { FacetedFilterField } from '@/components/data-table/faceted-filter-field.tsx';
import { Button } from '@/components/ui/button.tsx';
import { cn } from '@/lib/cn.ts';
import { RANGE_PRESETS, type ResolvedRange } from '@/lib/schemas/analytics.ts';
import { DAY_MS } from '@/lib/domain/time.ts';

function hrefFor(from: string, to: string, institutions: string[]) {
  const params = new URLSearchParams({ from, to });
  for (const id of institutions) params.append('institution', id);
  return `/analytics?${params}`;
}

/**
 * The analytics page's state is its URL: presets are links, the custom range and institutions a GET
 * form, so any view can be bookmarked or shared and the server renders it directly.
 */
export function AnalyticsFilters({ range, today, institutions }: { range: ResolvedRange; today: string; institutions: { id: string; name: string }[] }) {
  const days = Math.round((Date.parse(range.to) - Date.parse(range.from)) / DAY_MS) + 1;
  return (
    <div className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <nav aria-label="Date range presets" className="flex gap-1">
        {RANGE_PRESETS.map((n) => {
          const from = new Date(Date.parse(today) - (n - 1) * DAY_MS).toISOString().slice(0, 10);
          const current = range.to === today && days === n;
          return (
            <Link
              key={n}
              href={hrefFor(from, today, range.institutions)}
              aria-current={current ? 'page' : undefined}
              className={cn('rounded-md border px-3 py-1 text-sm', current ? 'border-slate-900 bg-slate-900 text-white' : 'border-slate-300 hover:bg-slate-100')}
            >
              {n} days
            </Link>
          );
        })}
      </nav>
      <form method="get" action="/analytics" className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="block text-xs font-medium text-slate-600">From</span>
          <input type="date" name="from" defaultValue={range.from} max={today} className="rounded-md border border-slate-300 bg-white px-2 py-1" />
        </label>
        <label className="text-sm">
          <span className="block text-xs font-medium text-slate-600">To</span>
          <input type="date" name="to" defaultValue={range.to} max={today} className="rounded-md border border-slate-300 bg-white px-2 py-1" />
        </label>
        <div className="text-sm">
          <span className="block text-xs font-medium text-slate-600">Institutions (none = all)</span>
          <FacetedFilterField name="institution" label="Institution" options={institutions.map((i) => ({ value: i.id, label: i.name }))} initial={range.institutions} />
        </div>
        <Button type="submit">Apply</Button>
      </form>
    </div>
  );
}
