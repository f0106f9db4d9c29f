'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { fetchJson } from '@/lib/api-client.ts';

type Pending = 'reset' | 'signOut' | 'mfa' | null;

const ENDPOINT = { reset: 'reset-password', signOut: 'sign-out', mfa: 'reset-mfa' } as const;
const QUESTION = {
  reset: 'Replace their password with a one-time one and sign them out?',
  signOut: 'End every session of theirs?',
  mfa: 'Remove their second factor and recovery codes, and sign them out?',
} as const;

/** An Admin's help for a locked-out or compromised account: a new one-time password, or ending every session. Both ask first. */
export function UserAccessActions({ user, onDone }: { user: { id: string; email: string; mfaEnabled: boolean }; onDone: (message: string) => void }) {
  const [confirming, setConfirming] = useState<Pending>(null);
  const [oneTimePassword, setOneTimePassword] = useState<string | null>(null);
  const act = useMutation({
    mutationFn: (action: Exclude<Pending, null>) =>
      fetchJson<{ oneTimePassword?: string; endedSessions?: number }>(`/api/admin/users/${user.id}/${ENDPOINT[action]}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ confirm: true }) }),
    onSuccess: (result, action) => {
      setConfirming(null);
      if (action === 'reset') setOneTimePassword(result.oneTimePassword ?? null);
      onDone(
        action === 'reset'
          ? `${user.email} was signed out and must choose a new password.`
          : action === 'mfa'
            ? `${user.email} no longer has a second factor and will set one up at their next sign-in if their role requires it.`
            : `${user.email} was signed out everywhere (${result.endedSessions ?? 0} sessions).`,
      );
    },
    onError: (error) => onDone(error.message),
  });

  if (confirming) {
    return (
      <span className="inline-flex flex-wrap items-center gap-2" role="group" aria-label={`Confirm for ${user.email}`}>
        <span>{QUESTION[confirming]}</span>
        <Button className="px-2 py-1" disabled={act.isPending} onClick={() => act.mutate(confirming)}>Confirm</Button>
        <Button variant="secondary" className="px-2 py-1" onClick={() => setConfirming(null)}>Cancel</Button>
      </span>
    );
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button variant="secondary" className="px-2 py-1" onClick={() => setConfirming('reset')}>Reset password…<span className="sr-only"> {user.email}</span></Button>
      <Button variant="secondary" className="px-2 py-1" onClick={() => setConfirming('signOut')}>Sign out…<span className="sr-only"> {user.email}</span></Button>
      {user.mfaEnabled && <Button variant="secondary" className="px-2 py-1" onClick={() => setConfirming('mfa')}>Reset 2FA…<span className="sr-only"> {user.email}</span></Button>}
      {oneTimePassword && (
        <span data-testid="reset-one-time-password" className="text-sm">
          One-time password (shown once): <code className="rounded bg-slate-100 px-1 font-mono">{oneTimePassword}</code>
        </span>
      )}
    </span>
  );
}
