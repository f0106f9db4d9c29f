import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { CredentialDetailView } from '@/components/credentials/credential-detail-view.tsx';
import { can } from '@/lib/domain/permissions.ts';
import { requirePermission } from '@/server/auth/require-permission.ts';
import { getCredential } from '@/server/credentials/get-credential.ts';
import { listOwners } from '@/server/credentials/list-owners.ts';
import { AppError } from '@/lib/domain/app-error.ts';
import { STATUS_LABELS } from '@/lib/domain/credential-status.ts';

// Once per request: the title and the page read the same credential.
const loadCredential = cache(async (token: string) => {
  const actor = await requirePermission('credentials.read');
  try {
    const [credential, owners] = await Promise.all([getCredential(actor, token), listOwners(actor)]);
    return { actor, credential, owners };
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
});

type Props = { params: Promise<{ token: string }> };

/** "BBVA · Pending SCA · 9c0f6db2": tabs and history entries tell credentials apart. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { credential } = await loadCredential((await params).token);
  return { title: `${credential.institution.name} · ${STATUS_LABELS[credential.status]} · ${credential.token.slice(0, 8)}` };
}

export default async function CredentialPage({ params }: Props) {
  const { actor, credential, owners } = await loadCredential((await params).token);
  return <CredentialDetailView initial={credential} owners={owners} canEdit={can(actor, 'credentials.edit')} canSendLinks={can(actor, 'links.send')} canOverrideLimits={can(actor, 'links.overrideEmailLimit')} />;
}
