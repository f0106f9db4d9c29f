'use client';

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { fetchJson } from '@/lib/api-client.ts';

const field = 'mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm';

/** Current password, a new one twice; on success the page goes on to `next` (the console, once forced). */
export function ChangePasswordForm({ next }: { next: string | null }) {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      fetchJson<{ endedSessions: number }>('/api/account/password', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) }),
    onSuccess: ({ endedSessions }) => {
      if (next) window.location.assign(next);
      else setDone(`Password changed.${endedSessions ? ` Your ${endedSessions} other session${endedSessions > 1 ? 's were' : ' was'} signed out.` : ''}`);
    },
    onError: (e) => setError(e.message),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const newPassword = String(form.get('newPassword'));
    setDone(null);
    if (newPassword !== form.get('confirmPassword')) return setError('The two new passwords differ.');
    setError(null);
    change.mutate({ currentPassword: String(form.get('currentPassword')), newPassword });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-label="Change password" noValidate>
      <div>
        <label htmlFor="currentPassword" className="block text-sm font-medium">Current password</label>
        <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required className={field} />
      </div>
      <div>
        <label htmlFor="newPassword" className="block text-sm font-medium">New password</label>
        <input id="newPassword" name="newPassword" type="password" autoComplete="new-password" required minLength={12} aria-describedby="password-rule" className={field} />
        <p id="password-rule" className="mt-1 text-xs text-slate-600">At least 12 characters and hard to guess: a few unrelated words work well.</p>
      </div>
      <div>
        <label htmlFor="confirmPassword" className="block text-sm font-medium">New password, again</label>
        <input id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password" required className={field} />
      </div>
      <p aria-live="polite" data-testid="password-message" className={error ? 'text-sm text-red-700' : 'text-sm text-green-800'}>{error ?? done}</p>
      <Button type="submit" disabled={change.isPending}>{change.isPending ? 'Saving…' : 'Change password'}</Button>
    </form>
  );
}
