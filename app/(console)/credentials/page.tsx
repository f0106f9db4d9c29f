import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
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
import { STATUS_LABELS } from '@/lib/domain/credential-status.ts';
import { OWNER_ME } from '@/lib/domain/owner-filter.ts';
import { BadFilterNotice } from '@/components/shell/bad-filter-notice.tsx';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** "Blocked · Credentials" when a status is filtered, so a tab of blocked credentials says so. */
export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const parsed = credentialListQuerySchema.safeParse(await searchParams);
  const statuses = parsed.success ? parsed.data.status.map((s) => STATUS_LABELS[s]) : [];
  return { title: [...statuses, 'Credentials'].join(' · ') };
}

export default async function CredentialsPage({ searchParams }: Props) {
  const actor = await requirePermission('credentials.read');
  const raw = await searchParams;
  // An account manager's day starts with their own credentials, broken first; "Owner: Anyone" (owner=any) shows everyone's.
  if (actor.role === 'ACCOUNT_MANAGER' && Object.keys(raw).length === 0) redirect(`/credentials?owner=${OWNER_ME}&sort=attention`);
  const parsed = credentialListQuerySchema.safeParse(raw);
  if (!parsed.success) {
    return <BadFilterNotice title="This link has a filter CredOps does not understand." problems={parsed.error.issues} resetHref="/credentials" resetLabel="Show all credentials" />;
  }
  const query = parsed.data;
  let data: Awaited<ReturnType<typeof loadList>>;
  try {
    data = await loadList(actor, query);
  } catch (error) {
    if (error instanceof AppError && error.code === 'BAD_REQUEST') {
      return <BadFilterNotice title="This link has a filter CredOps does not understand." problems={error.message} resetHref="/credentials" resetLabel="Show all credentials" />;
    }
    throw error;
  }
  const [page, counts, institutions, owners] = data;
  return <><IncidentBanner actor={actor} /><CredentialsBrowser query={query} initialPage={page} initialCounts={counts} institutions={institutions} owners={owners} canBulkSend={can(actor, 'links.bulkSend')} canAssign={can(actor, 'credentials.assign')} canSaveViews={can(actor, 'views.save')} /></>;
}

const loadList = (actor: Actor, query: CredentialListQuery) =>
  Promise.all([listCredentials(actor, query), countCredentialsByStatus(actor, query), listInstitutions(actor), listOwners(actor)]);
