'use client';

import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { useToastedMutation } from '@/components/ui/use-toasted-mutation.ts';
import { fetchJson } from '@/lib/api-client.ts';
import type { DigestPreferencesInput } from '@/lib/schemas/account.ts';

/** The daily digest email: on or off, and on whose clock its 08:00 falls. */
export function DigestPreferencesForm({ digestEnabled, timeZone, companyTimeZone }: { digestEnabled: boolean; timeZone: string | null; companyTimeZone: string }) {
  const router = useRouter();
  const save = useToastedMutation({
    mutationFn: (input: DigestPreferencesInput) => fetchJson<DigestPreferencesInput>('/api/account/digest', { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) }),
    messages: { pending: 'Saving…', success: (p) => (p.digestEnabled ? 'Your daily digest is on.' : 'No more daily digest.') },
    onSuccess: () => router.refresh(),
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const zone = String(form.get('timeZone') ?? '').trim();
    save.mutate({ digestEnabled: form.get('digestEnabled') === 'on', timeZone: zone || null });
  };
  return (
    <form onSubmit={onSubmit} className="space-y-3 text-sm" aria-label="Daily digest">
      <label className="flex items-center gap-2">
        <input type="checkbox" name="digestEnabled" defaultChecked={digestEnabled} />
        Email me a digest at 08:00: my credentials that are new, over target, unanswered or recovered (and, for Operations, the fleet)
      </label>
      <label className="block">
        My time zone
        <input name="timeZone" defaultValue={timeZone ?? ''} placeholder={companyTimeZone} aria-label="My time zone" className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1" />
      </label>
      {save.error && <p role="alert" className="text-red-700">{save.error.message}</p>}
      <Button type="submit" size="sm" disabled={save.isPending}>Save digest settings</Button>
    </form>
  );
}
