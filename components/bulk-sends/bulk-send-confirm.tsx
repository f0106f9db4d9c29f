'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { fetchJson } from '@/lib/api-client.ts';
import { FLOW_LABEL } from '@/lib/domain/link-rules.ts';
import type { BulkSendPreview } from '@/lib/schemas/bulk-sends.ts';

/** The confirm step of a bulk send: one click starts it, a retried click never starts a second. */
/** `filterQuery`: the list's filter as its URL carries it, which is what the API takes. */
export function BulkSendConfirm({ preview, filterQuery }: { preview: BulkSendPreview; filterQuery: string }) {
  const router = useRouter();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const sendable = preview.total - preview.withoutContact - preview.emailedRecently;
  const start = useMutation({
    mutationFn: () =>
      fetchJson<{ id: string }>('/api/bulk-sends', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
        body: JSON.stringify({ flow: preview.flow, filter: Object.fromEntries(new URLSearchParams(filterQuery)) }),
      }),
    onSuccess: ({ id }) => router.push(`/bulk-sends/${encodeURIComponent(id)}`),
  });
  return (
    <div className="space-y-2">
      {start.error && <p role="alert" className="text-sm text-red-700">{start.error.message}</p>}
      <Button onClick={() => start.mutate()} disabled={start.isPending || start.isSuccess || preview.total === 0}>
        {start.isPending ? 'Starting…' : `Confirm: send ${sendable.toLocaleString('en')} ${FLOW_LABEL[preview.flow]} links to ${preview.people.toLocaleString('en')} ${preview.people === 1 ? 'person' : 'people'}`}
      </Button>
    </div>
  );
}
