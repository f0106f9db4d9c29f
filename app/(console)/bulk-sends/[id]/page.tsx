import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { BulkSendProgressView } from '@/components/bulk-sends/bulk-send-progress.tsx';
import { requirePermission } from '@/server/auth/require-permission.ts';
import { AppError } from '@/lib/domain/app-error.ts';
import { FLOW_LABEL } from '@/lib/domain/link-rules.ts';
import { getBulkSend } from '@/server/bulk-sends/get-bulk-send.ts';

export const metadata: Metadata = { title: 'Bulk send' };

export default async function BulkSendPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission('links.bulkSend');
  const { id } = await params;
  const bulk = await getBulkSend(actor, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  return (
    <div className="space-y-4">
      <Link href="/credentials" className="text-sm underline">← Credentials</Link>
      <h1 className="text-2xl font-semibold">{FLOW_LABEL[bulk.flow]} links, sent by {bulk.createdBy}</h1>
      <BulkSendProgressView initial={bulk} />
    </div>
  );
}
