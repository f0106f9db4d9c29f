import Link from 'next/link';
import { cn } from '@/lib/cn.ts';
import type { LinkFlow } from '@/lib/domain/credential-status.ts';
import { FLOW_LABEL } from '@/lib/domain/link-rules.ts';
import type { CredentialListQuery, CredentialPage } from '@/lib/schemas/credentials.ts';
import { credentialSearchString } from '@/lib/search-params/credentials.ts';

export const PAGE_SIZES = [25, 50, 100] as const;

interface Props {
  query: CredentialListQuery;
  page: CredentialPage;
  /** Credentials matching the filters, on every page. */
  matching: number;
}

const href = (query: Partial<CredentialListQuery>) => `/credentials${credentialSearchString(query)}`;
const firstPage = (query: CredentialListQuery): Partial<CredentialListQuery> => ({ ...query, cursor: undefined, before: undefined, start: undefined });

/** "51–100 of 1,992", previous and next (first, so the keyboard reaches them soon), and how many rows a page has. Sits above and below the table. */
export function CredentialsPager({ query, page, matching, label }: Props & { label: string }) {
  const start = query.start ?? 0;
  const shown = page.items.length;
  const range = shown ? `${(start + 1).toLocaleString('en')}–${(start + shown).toLocaleString('en')}` : '0';
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-x-6 gap-y-2 text-sm">
      <p className="tabular-nums text-slate-600" data-testid="page-range">{range} of {matching.toLocaleString('en')}</p>
      <div className="flex flex-wrap items-center gap-4">
        {page.prevCursor && (
          <>
            <Link href={href(firstPage(query))} className="underline">First page</Link>
            <Link href={href({ ...query, cursor: undefined, before: page.prevCursor, start: Math.max(0, start - query.limit) || undefined })} className="font-medium underline">← Previous page</Link>
          </>
        )}
        {page.nextCursor && (
          <Link href={href({ ...query, before: undefined, cursor: page.nextCursor, start: start + shown })} className="font-medium underline">Next page →</Link>
        )}
        <span className="flex items-center gap-2 text-slate-600">
          Rows
          {PAGE_SIZES.map((size) => (
            <Link key={size} href={href({ ...firstPage(query), limit: size })} aria-current={query.limit === size ? 'true' : undefined} aria-label={`${size} rows per page`} className={cn('rounded px-1.5 tabular-nums', query.limit === size ? 'bg-slate-900 font-medium text-white' : 'underline')}>
              {size}
            </Link>
          ))}
        </span>
      </div>
    </nav>
  );
}

/** What can be done with everything the filters match: export it, send it links. */
export function CredentialsBulkActions({ query, matching, bulkFlow }: { query: CredentialListQuery; matching: number; bulkFlow: LinkFlow | null }) {
  const filters = { ...firstPage(query), limit: undefined };
  return (
    <div className="flex flex-wrap gap-4 text-sm">
      <a href={`/api/credentials/export${credentialSearchString(filters)}`} className="underline">
        Export these {matching.toLocaleString('en')} as CSV
      </a>
      {/* A status a link unlocks, selected alone: the list can then be sent links in bulk. */}
      {bulkFlow && matching > 0 && (
        <Link href={`/bulk-sends/new${credentialSearchString({ ...filters, sort: undefined, order: undefined })}`} className="font-medium underline">
          Send {FLOW_LABEL[bulkFlow]} links to these {matching.toLocaleString('en')}…
        </Link>
      )}
    </div>
  );
}
