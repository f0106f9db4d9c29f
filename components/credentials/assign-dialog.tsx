'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { ProgressBar } from '@/components/ui/progress-bar.tsx';
import { useToastedMutation } from '@/components/ui/use-toasted-mutation.ts';
import { ApiError, fetchJson } from '@/lib/api-client.ts';
import { OWNER_NONE } from '@/lib/domain/owner-filter.ts';
import { credentialKeys } from '@/lib/queries/credentials.ts';
import type { AssignmentPreview, AssignmentProgress } from '@/lib/schemas/assignments.ts';
import type { CredentialListItem } from '@/lib/schemas/credentials.ts';

/** What is being handed over: rows picked on this page, or everything the list's filter matches. */
export type AssignSelection = { kind: 'rows'; items: CredentialListItem[] } | { kind: 'all'; count: number; filterQuery: string };

interface Props {
  selection: AssignSelection;
  owners: { id: string; name: string }[];
  onOpenChange: (open: boolean) => void;
  onAssigned: () => void;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

/** The rows' owners, counted as the server's preview counts a filter's. */
function previewOfRows(items: CredentialListItem[], to: string | null): AssignmentPreview {
  const from = new Map<string, AssignmentPreview['from'][number]>();
  for (const item of items) {
    const key = item.owner?.id ?? '';
    from.set(key, { owner: item.owner, count: (from.get(key)?.count ?? 0) + 1 });
  }
  return { total: items.length, from: [...from.values()].sort((a, b) => b.count - a.count), unchanged: items.filter((i) => (i.owner?.id ?? null) === to).length };
}

/**
 * Bulk assign: pick the new owner, read exactly how many move and from whom, confirm. A filter that
 * matches another count by the time of the confirmation is refused by the server; the dialog says
 * so and offers to preview again. A whole filter runs on the server with a progress bar.
 */
export function AssignDialog({ selection, owners, onOpenChange, onAssigned }: Props) {
  const queryClient = useQueryClient();
  const [ownerChoice, setOwnerChoice] = useState('');
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [running, setRunning] = useState<AssignmentProgress | null>(null);
  const to = ownerChoice === OWNER_NONE ? null : ownerChoice;
  const toName = to === null ? 'nobody (unassigned)' : (owners.find((o) => o.id === to)?.name ?? '');

  const serverPreview = useQuery({
    queryKey: ['assignment-preview', selection.kind === 'all' ? selection.filterQuery : '', ownerChoice],
    queryFn: () => fetchJson<AssignmentPreview>(`/api/credentials/assign/preview?${new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(selection.kind === 'all' ? selection.filterQuery : '')), to: ownerChoice })}`),
    enabled: selection.kind === 'all' && ownerChoice !== '',
  });
  const preview = selection.kind === 'rows' ? (ownerChoice ? previewOfRows(selection.items, to) : null) : (serverPreview.data ?? null);

  const progress = useQuery({
    queryKey: ['assignment', running?.id],
    queryFn: () => fetchJson<AssignmentProgress>(`/api/credentials/assign/${encodeURIComponent(running!.id)}`),
    enabled: running !== null && running.finishedAt === null,
    initialData: running ?? undefined,
    refetchInterval: (query) => (query.state.data?.finishedAt ? false : 500),
  });
  const finished = progress.data?.finishedAt ? progress.data : null;

  const assign = useToastedMutation({
    mutationFn: () =>
      fetchJson<AssignmentProgress>('/api/credentials/assign', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
        body: JSON.stringify(
          selection.kind === 'rows'
            ? { ownerId: to, tokens: selection.items.map((i) => i.token) }
            : { ownerId: to, filter: Object.fromEntries(new URLSearchParams(selection.filterQuery)), expectedCount: preview!.total },
        ),
      }),
    messages: {
      pending: `Assigning to ${toName}…`,
      success: (result) => (result.finishedAt ? `Assigned ${plural(result.results.ASSIGNED ?? 0, 'credential')} to ${toName}` : `Assigning ${plural(result.total, 'credential')} to ${toName}: follow it here`),
    },
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: credentialKeys.all });
      if (result.finishedAt) {
        onAssigned();
        onOpenChange(false);
      } else setRunning(result);
    },
  });
  const conflict = assign.error instanceof ApiError && assign.error.status === 409;
  const previewAgain = () => {
    assign.reset();
    setIdempotencyKey(crypto.randomUUID());
    void serverPreview.refetch();
  };

  if (running) {
    const now = progress.data ?? running;
    return (
      <Dialog open onOpenChange={onOpenChange} title="Assigning credentials">
        <p className="text-sm" aria-live="polite" data-testid="assign-progress-text">
          {finished ? 'Finished' : 'Assigning'}: {now.processed.toLocaleString('en')} of {now.total.toLocaleString('en')} credentials to {toName}
          {finished ? ` (${(finished.results.ASSIGNED ?? 0).toLocaleString('en')} assigned, ${(finished.results.UNCHANGED ?? 0).toLocaleString('en')} already theirs)` : ''}
        </p>
        <ProgressBar label="Assignment progress" done={now.processed} total={now.total} />
        <div className="mt-4 flex justify-end">
          <Button variant={finished ? 'primary' : 'secondary'} onClick={() => { if (finished) onAssigned(); onOpenChange(false); }}>{finished ? 'Done' : 'Close (it goes on)'}</Button>
        </div>
      </Dialog>
    );
  }

  const count = selection.kind === 'rows' ? selection.items.length : selection.count;
  return (
    <Dialog open onOpenChange={onOpenChange} title={`Assign ${plural(count, 'credential')}`} description={selection.kind === 'all' ? 'Everything this view matches, including the rows on other pages.' : 'The rows you selected on this page.'}>
      <label className="block text-sm font-medium">
        New owner
        <select value={ownerChoice} onChange={(e) => setOwnerChoice(e.target.value)} className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal">
          <option value="">Choose…</option>
          {owners.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          <option value={OWNER_NONE}>Nobody (unassign)</option>
        </select>
      </label>
      <div className="mt-3 min-h-16 text-sm" aria-live="polite" data-testid="assign-preview">
        {serverPreview.isFetching && <p className="text-slate-500">Counting…</p>}
        {serverPreview.isError && <p className="text-red-700">{serverPreview.error.message}</p>}
        {preview && !serverPreview.isFetching && (
          <>
            <p>
              <strong>{plural(preview.total - preview.unchanged, 'credential')}</strong> will move to <strong>{toName}</strong>
              {preview.unchanged ? `; ${plural(preview.unchanged, 'credential')} already ${to === null ? 'unassigned' : 'theirs'} stay as they are` : ''}.
            </p>
            <ul className="mt-1 list-disc pl-5 text-slate-600">
              {preview.from.filter((g) => (g.owner?.id ?? null) !== to).map((g) => <li key={g.owner?.id ?? ''}>{g.count.toLocaleString('en')} from {g.owner?.name ?? 'Unassigned'}</li>)}
            </ul>
          </>
        )}
      </div>
      {assign.error && (
        <div role="alert" className="mt-2 text-sm text-red-700">
          {assign.error.message}
          {conflict && <Button size="xs" variant="secondary" className="ml-2" onClick={previewAgain}>Preview again</Button>}
        </div>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="secondary" onClick={() => onOpenChange(false)}>Cancel</Button>
        <Button onClick={() => assign.mutate()} disabled={!preview || preview.total === preview.unchanged || serverPreview.isFetching || assign.isPending || conflict}>
          {assign.isPending ? 'Assigning…' : preview ? `Assign ${plural(preview.total - preview.unchanged, 'credential')}` : 'Assign'}
        </Button>
      </div>
    </Dialog>
  );
}
