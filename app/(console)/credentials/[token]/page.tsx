import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CredentialDetailView } from '@/components/credentials/credential-detail-view.tsx';
import { can } from '@/lib/domain/permissions.ts';
import { requirePermission } from '@/server/auth/require-permission.ts';
import { getCredential } from '@/server/credentials/get-credential.ts';
import { listOwners } from '@/server/credentials/list-owners.ts';
import { env } from '@/server/env.ts';
import { AppError } from '@/lib/domain/app-error.ts';

export const metadata: Metadata = { title: 'Credential' };

export default async function CredentialPage({ params }: { params: Promise<{ token: string }> }) {
  const actor = await requirePermission('credentials.read');
  const { token } = await params;
  let credential: Awaited<ReturnType<typeof getCredential>>;
  let owners: Awaited<ReturnType<typeof listOwners>>;
  try {
    [credential, owners] = await Promise.all([getCredential(actor, token), listOwners(actor)]);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
  return <CredentialDetailView initial={credential} owners={owners} canEdit={can(actor, 'credentials.edit')} canSendLinks={can(actor, 'links.send')} canOverrideLimits={can(actor, 'links.overrideEmailLimit')} linkExpiryDays={env.LINK_EXPIRY_DAYS} />;
}
