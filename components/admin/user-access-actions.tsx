'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { useToastedMutation } from '@/components/ui/use-toasted-mutation.ts';
import { fetchJson } from '@/lib/api-client.ts';

type Action = 'reset' | 'signOut' | 'mfa';

const ENDPOINT = { reset: 'reset-password', signOut: 'sign-out', mfa: 'reset-mfa' } as const;
const QUESTION: Record<Action, { title: (email: string) => string; description: string; confirm: string }> = {
  reset: { title: (e) => `Reset the password of ${e}?`, description: 'Their password is replaced by a one-time one, shown to you once, and every session of theirs ends.', confirm: 'Reset password' },
  signOut: { title: (e) => `Sign ${e} out everywhere?`, description: 'Every session of theirs ends at its next request; their password stays.', confirm: 'Sign them out' },
  mfa: { title: (e) => `Remove the second factor of ${e}?`, description: 'Their authenticator and recovery codes stop working and they are signed out; they set up a new one at their next sign-in if their role requires it.', confirm: 'Remove second factor' },
};

/** An Admin's help for a locked-out or compromised account: a new one-time password, ending every session, or a new second factor. Each asks first. */
export function UserAccessActions({ user }: { user: { id: string; email: string; mfaEnabled: boolean } }) {
  const [oneTimePassword, setOneTimePassword] = useState<string | null>(null);
  const act = useToastedMutation({
    mutationFn: (action: Action) =>
      fetchJson<{ oneTimePassword?: string; endedSessions?: number }>(`/api/admin/users/${user.id}/${ENDPOINT[action]}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ confirm: true }) }),
    messages: {
      pending: 'Working…',
      success: (result, action) =>
        action === 'reset'
          ? `${user.email} was signed out and must choose a new password.`
          : action === 'mfa'
            ? `${user.email} no longer has a second factor and will set one up at their next sign-in if their role requires it.`
            : `${user.email} was signed out everywhere (${result.endedSessions ?? 0} sessions).`,
    },
    onSuccess: (result, action) => {
      if (action === 'reset') setOneTimePassword(result.oneTimePassword ?? null);
    },
  });
  const ask = (action: Action, label: string) => (
    <ConfirmDialog
      trigger={<Button variant="secondary" size="xs" disabled={act.isPending}>{label}<span className="sr-only"> {user.email}</span></Button>}
      title={QUESTION[action].title(user.email)}
      description={QUESTION[action].description}
      confirmLabel={QUESTION[action].confirm}
      destructive
      onConfirm={() => act.mutate(action)}
    />
  );
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {ask('reset', 'Reset password…')}
      {ask('signOut', 'Sign out…')}
      {user.mfaEnabled && ask('mfa', 'Reset 2FA…')}
      {oneTimePassword && (
        <span data-testid="reset-one-time-password" className="text-sm">
          One-time password (shown once): <code className="rounded bg-slate-100 px-1 font-mono">{oneTimePassword}</code>
        </span>
      )}
    </span>
  );
}
