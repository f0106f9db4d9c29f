'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Badge, type BadgeTone } from '@/components/ui/badge.tsx';
import { ProgressBar } from '@/components/ui/progress-bar.tsx';
import { bulkSendQueries } from '@/lib/queries/bulk-sends.ts';
import type { BulkSendProgress, BulkSendResult } from '@/lib/schemas/bulk-sends.ts';

const RESULT: Record<BulkSendResult, { label: string; tone: BadgeTone }> = {
  SENT: { label: 'Sent', tone: 'green' },
  RESENT: { label: 'Live link resent', tone: 'green' },
  QUEUED: { label: 'Email not delivered yet', tone: 'amber' },
  UNDELIVERED: { label: 'Email not delivered', tone: 'red' },
  NO_CONTACT: { label: 'No contact', tone: 'amber' },
  RATE_LIMITED: { label: 'Emailed in the last 24 h', tone: 'amber' },
  STATUS_CHANGED: { label: 'No longer needs it', tone: 'gray' },
};

/** A running bulk send: a progress bar that follows the server, then a result for every credential. */
export function BulkSendProgressView({ initial }: { initial: BulkSendProgress }) {
  const { data: bulk } = useQuery(bulkSendQueries.progress(initial));
  return (
    <div className="space-y-4">
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <p className="text-sm" aria-live="polite" data-testid="bulk-progress-text">
          {bulk.finishedAt ? 'Finished' : 'Sending'}: {bulk.processed.toLocaleString('en')} of {bulk.total.toLocaleString('en')} credentials
        </p>
        <ProgressBar label="Bulk send progress" done={bulk.processed} total={bulk.total} />
        <ul className="mt-3 flex flex-wrap gap-3 text-sm" data-testid="bulk-results">
          {(Object.keys(RESULT) as BulkSendResult[]).filter((r) => bulk.results[r]).map((r) => (
            <li key={r}><Badge tone={RESULT[r].tone}>{RESULT[r].label}</Badge> {bulk.results[r]!.toLocaleString('en')}</li>
          ))}
        </ul>
      </div>
      <table className="w-full border-collapse rounded-lg bg-white text-sm shadow-sm">
        <caption className="sr-only">Result per credential</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
            <th className="p-2">Credential</th>
            <th className="p-2">Institution</th>
            <th className="p-2">Result</th>
            <th className="p-2">Details</th>
          </tr>
        </thead>
        <tbody>
          {bulk.items.map((item) => (
            <tr key={item.token} className="border-b border-slate-100" data-testid="bulk-row">
              <td className="p-2 font-mono text-xs"><Link href={`/credentials/${item.token}`} className="underline">{item.token.slice(0, 12)}…</Link></td>
              <td className="p-2">{item.institution}</td>
              <td className="p-2">{item.result ? <Badge tone={RESULT[item.result as BulkSendResult]?.tone ?? 'gray'}>{RESULT[item.result as BulkSendResult]?.label ?? item.result}</Badge> : <span className="text-slate-500">Waiting</span>}</td>
              <td className="p-2 text-xs text-slate-600">{item.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {bulk.nextAfter !== null && <p className="text-sm text-slate-600">Showing the first {bulk.items.length} credentials; the API pages through the rest with <code>?after={bulk.nextAfter}</code>.</p>}
    </div>
  );
}
