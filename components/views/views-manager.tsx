'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { useToastedMutation } from '@/components/ui/use-toasted-mutation.ts';
import { fetchJson } from '@/lib/api-client.ts';
import { viewKeys, viewQueries } from '@/lib/queries/views.ts';
import type { SavedView, UpdateViewInput } from '@/lib/schemas/views.ts';

/** Every view the signed-in user sees: open, rename, share or unshare, delete the ones they may change. */
export function ViewsManager({ initial }: { initial: SavedView[] }) {
  const { data: views } = useQuery(viewQueries.withCounts(initial));
  if (!views?.length) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm" data-testid="no-views">
        No saved views yet. Filter the <Link href="/credentials" className="underline">credentials list</Link> and choose “Save view…”.
      </p>
    );
  }
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" role="region" aria-label="Saved views" tabIndex={0}>
      <table className="min-w-full text-sm">
        <thead className="bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">Name</th>
            <th scope="col" className="px-3 py-2">Matching now</th>
            <th scope="col" className="px-3 py-2">Who sees it</th>
            <th scope="col" className="px-3 py-2">Saved by</th>
            <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {views.map((view) => <ViewRow key={view.id} view={view} />)}
        </tbody>
      </table>
    </div>
  );
}

function ViewRow({ view }: { view: SavedView }) {
  const queryClient = useQueryClient();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(view.name);
  const done = () => queryClient.invalidateQueries({ queryKey: viewKeys.all });
  const update = useToastedMutation({
    mutationFn: (change: UpdateViewInput) => fetchJson<SavedView>(`/api/views/${encodeURIComponent(view.id)}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(change) }),
    messages: {
      pending: 'Saving…',
      success: (saved, change) => (change.shared === undefined ? `Renamed to "${saved.name}"` : saved.shared ? `"${saved.name}" is shared with everyone` : `"${saved.name}" is yours alone now`),
      undo: (_, change) => update.mutate(change.shared === undefined ? { name: view.name } : { shared: view.shared }),
    },
    onSuccess: async () => {
      setRenaming(false);
      await done();
    },
  });
  const remove = useToastedMutation({
    mutationFn: () => fetchJson(`/api/views/${encodeURIComponent(view.id)}`, { method: 'DELETE' }),
    messages: { pending: 'Deleting…', success: `Deleted "${view.name}"` },
    onSuccess: done,
  });
  const rename = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ name });
  };
  return (
    <tr data-testid="view-row">
      <td className="px-3 py-2">
        {renaming ? (
          <form onSubmit={rename} className="flex gap-2">
            <label className="sr-only" htmlFor={`name-${view.id}`}>New name of {view.name}</label>
            <input id={`name-${view.id}`} value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required className="rounded border border-slate-300 bg-white px-2 py-1" />
            <Button type="submit" size="xs" disabled={update.isPending}>Save name</Button>
            <Button size="xs" variant="ghost" onClick={() => setRenaming(false)}>Cancel</Button>
          </form>
        ) : (
          <Link href={view.href} className="font-medium underline-offset-2 hover:underline">{view.name}</Link>
        )}
      </td>
      <td className="px-3 py-2 tabular-nums">{view.count?.toLocaleString('en') ?? '—'}</td>
      <td className="px-3 py-2">{view.shared ? 'Everyone' : 'Only you'}</td>
      <td className="px-3 py-2">{view.createdBy}</td>
      <td className="px-3 py-2 whitespace-nowrap">
        {view.editable && (
          <div className="flex gap-2">
            {!renaming && <Button size="xs" variant="secondary" onClick={() => setRenaming(true)}>Rename<span className="sr-only"> {view.name}</span></Button>}
            <Button size="xs" variant="secondary" disabled={update.isPending} onClick={() => update.mutate({ shared: !view.shared })}>
              {view.shared ? 'Stop sharing' : 'Share'}<span className="sr-only"> {view.name}</span>
            </Button>
            <ConfirmDialog
              trigger={<Button size="xs" variant="secondary" disabled={remove.isPending}>Delete…<span className="sr-only"> {view.name}</span></Button>}
              title={`Delete the view "${view.name}"?`}
              description={view.shared ? 'It leaves everyone’s navigation. The credentials are not touched.' : 'The credentials are not touched.'}
              confirmLabel="Delete view"
              destructive
              onConfirm={() => remove.mutate()}
            />
          </div>
        )}
      </td>
    </tr>
  );
}
