'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { useToastedMutation } from '@/components/ui/use-toasted-mutation.ts';
import { fetchJson } from '@/lib/api-client.ts';
import { viewKeys } from '@/lib/queries/views.ts';
import type { SavedView } from '@/lib/schemas/views.ts';

/** Names the list's current state and saves it, for oneself or for everyone. */
export function SaveViewDialog({ query, onOpenChange }: { query: string; onOpenChange: (open: boolean) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const save = useToastedMutation({
    mutationFn: () => fetchJson<SavedView>('/api/views', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, query, shared }) }),
    messages: { pending: 'Saving the view…', success: (view) => `Saved "${view.name}"${view.shared ? ', shared with everyone' : ''}` },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: viewKeys.all });
      onOpenChange(false);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Dialog open onOpenChange={onOpenChange} title="Save this view" description="The filters, search and sort you see now, under a name; it opens by its link too.">
      <form onSubmit={submit} className="space-y-3">
        <label className="block text-sm font-medium">
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal" />
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
          Share with everyone (it appears in their navigation)
        </label>
        {save.error && <p role="alert" className="text-sm text-red-700">{save.error.message}</p>}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => onOpenChange(false)}>Cancel</Button>
          <Button type="submit" disabled={save.isPending || !name.trim()}>{save.isPending ? 'Saving…' : 'Save view'}</Button>
        </div>
      </form>
    </Dialog>
  );
}
