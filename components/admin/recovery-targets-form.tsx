'use client';

import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { useToastedMutation } from '@/components/ui/use-toasted-mutation.ts';
import { fetchJson } from '@/lib/api-client.ts';
import { STATUS_LABELS } from '@/lib/domain/credential-status.ts';
import { MAX_TARGET_DAYS, TARGETED_STATUSES, type RecoveryTargets } from '@/lib/domain/recovery-targets.ts';

/** How many days each broken status may wait before its credentials count as "over target". */
export function RecoveryTargetsForm({ initial }: { initial: RecoveryTargets }) {
  const router = useRouter();
  const save = useToastedMutation({
    mutationFn: (targets: RecoveryTargets) => fetchJson<RecoveryTargets>('/api/admin/recovery-targets', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(targets) }),
    messages: { pending: 'Saving the recovery targets…', success: (t) => `Targets saved: Blocked ${t.BLOCKED} d, Pending SCA ${t.PENDING_SCA} d.` },
    onSuccess: () => router.refresh(),
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    save.mutate({ BLOCKED: Number(form.get('BLOCKED')), PENDING_SCA: Number(form.get('PENDING_SCA')) });
  };
  return (
    <form onSubmit={onSubmit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="targets-title">
      <div>
        <h2 id="targets-title" className="font-semibold">Recovery targets</h2>
        <p className="text-sm text-slate-600">
          How long a credential may stay in a status a link unlocks before the list marks it <strong>over target</strong>, counted from when it entered that status.
        </p>
      </div>
      <div className="flex flex-wrap gap-6">
        {TARGETED_STATUSES.map((status) => (
          <label key={status} className="text-sm">
            {STATUS_LABELS[status]}, days
            <input name={status} type="number" required min={1} max={MAX_TARGET_DAYS} step={1} defaultValue={initial[status]} className="mt-1 block w-28 rounded-md border border-slate-300 bg-white px-2 py-1" />
          </label>
        ))}
      </div>
      <Button type="submit" disabled={save.isPending}>{save.isPending ? 'Saving…' : 'Save targets'}</Button>
    </form>
  );
}
