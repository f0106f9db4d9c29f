'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { fetchJson } from '@/lib/api-client.ts';

/** Ends every session of the signed-in user, this one included, after a confirmation. */
export function SignOutEverywhereButton() {
  const [confirming, setConfirming] = useState(false);
  const end = useMutation({
    mutationFn: () => fetchJson('/api/account/sign-out-everywhere', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ confirm: true }) }),
    onSuccess: () => window.location.assign('/sign-in'),
  });
  if (!confirming) return <Button variant="secondary" onClick={() => setConfirming(true)}>Sign out everywhere…</Button>;
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm" role="group" aria-label="Confirm signing out everywhere">
      <span>Sign out of CredOps on every browser and device, this one too?</span>
      <Button onClick={() => end.mutate()} disabled={end.isPending}>{end.isPending ? 'Signing out…' : 'Yes, sign out everywhere'}</Button>
      <Button variant="secondary" onClick={() => setConfirming(false)}>Cancel</Button>
      {end.isError && <span className="text-red-700">{end.error.message}</span>}
    </div>
  );
}
