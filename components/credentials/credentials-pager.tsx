import Link from 'next/link';
import type { LinkFlow } from '@/lib/domain/credential-status.ts';
import { FLOW_LABEL } from '@/lib/domain/link-rules.ts';
import type { CredentialListQuery, CredentialPage } from '@/lib/schemas/credentials.ts';
import { credentialSearchString } from '@/lib/search-params/credentials.ts';

interface Props {
  query: CredentialListQuery;
  page: CredentialPage;
  /** Credentials matching the filters, on every page. */
  matching: number;
  /** The flow a bulk send of this list would send, when the user may start one. */
  bulkFlow: LinkFlow | null;
}

/** Previous and next page, and what can be done with everything the filters match: export it, send it links. */
export function CredentialsPager({ query, page, matching, bulkFlow }: Props) {
  return (
    <div className="flex items-center justify-between gap-4 text-sm">
      <div className="flex gap-4">
        {page.prevCursor && (
          <>
            <Link href={`/credentials${credentialSearchString({ ...query, cursor: undefined, before: undefined })}`} className="underline">First page</Link>
            <Link href={`/credentials${credentialSearchString({ ...query, cursor: undefined, before: page.prevCursor })}`} className="font-medium underline">← Previous page</Link>
          </>
        )}
      </div>
      <span className="flex gap-4">
        <a href={`/api/credentials/export${credentialSearchString({ ...query, cursor: undefined, before: undefined, limit: undefined })}`} className="underline">
          Export these {matching.toLocaleString('en')} as CSV
        </a>
        {/* A status a link unlocks, selected alone: the list can then be sent links in bulk. */}
        {bulkFlow && matching > 0 && (
          <Link href={`/bulk-sends/new${credentialSearchString({ ...query, cursor: undefined, before: undefined, limit: undefined, sort: undefined, order: undefined })}`} className="font-medium underline">
            Send {FLOW_LABEL[bulkFlow]} links to these {matching.toLocaleString('en')}…
          </Link>
        )}
      </span>
      {page.nextCursor ? (
        <Link href={`/credentials${credentialSearchString({ ...query, before: undefined, cursor: page.nextCursor })}`} className="font-medium underline">Next page →</Link>
      ) : <span />}
    </div>
  );
}
