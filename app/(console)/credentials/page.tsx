import type { Metadata } from 'next';
import Link from 'next/link';
import { CredentialsBrowser } from '@/components/credentials/credentials-browser.tsx';
import { IncidentBanner } from '@/components/incidents/incident-banner.tsx';
import { credentialListQuerySchema, type CredentialListQuery } from '@/lib/schemas/credentials.ts';
import { can, type Actor } from '@/lib/domain/permissions.ts';
import { requirePermission } from '@/server/auth/require-permission.ts';
import { countCredentialsByStatus } from '@/server/credentials/count-credentials-by-status.ts';
import { listCredentials } from '@/server/credentials/list-credentials.ts';
import { listInstitutions } from '@/server/credentials/list-institutions.ts';
import { listOwners } from '@/server/credentials/list-owners.ts';
import { AppError } from '@/lib/domain/app-error.ts';

export const metadata: Metadata = { title: 'Credentials' };

export default async function CredentialsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission('credentials.read');
  const parsed = credentialListQuerySchema.safeParse(await searchParams);
  if (!parsed.success) {
    return (
      <div className="rounded-lg border border-amber-300 bg-amber-50 p-6" data-testid="bad-filter">
        <h1 className="font-semibold">This link has a filter CredOps does not understand.</h1>
        <ul className="mt-2 list-disc pl-5 text-sm">
          {parsed.error.issues.map((issue) => (
            <li key={issue.path.join('.')}>{issue.path.join('.')}: {issue.message}</li>
          ))}
        </ul>
        <Link href="/credentials" className="mt-4 inline-block text-sm font-medium underline">Show all credentials</Link>
      </div>
    );
  }
  const query = parsed.data;
  let data: Awaited<ReturnType<typeof loadList>>;
  try {
    data = await loadList(actor, query);
  } catch (error) {
    if (error instanceof AppError && error.code === 'BAD_REQUEST') {
      return <p className="text-sm text-amber-900" data-testid="bad-filter">{error.message} <Link href="/credentials" className="underline">Start over</Link></p>;
    }
    throw error;
  }
  const [page, counts, institutions, owners] = data;
  return <><IncidentBanner actor={actor} /><CredentialsBrowser query={query} initialPage={page} initialCounts={counts} institutions={institutions} owners={owners} canBulkSend={can(actor, 'links.bulkSend')} /></>;
}

const loadList = (actor: Actor, query: CredentialListQuery) =>
  Promise.all([listCredentials(actor, query), countCredentialsByStatus(actor, query), listInstitutions(actor), listOwners(actor)]);
