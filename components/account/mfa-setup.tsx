'use client';

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { fetchJson } from '@/lib/api-client.ts';

const post = (url: string, body: unknown) => fetchJson(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

/** Setting up a TOTP authenticator: scan (or type) the secret, confirm one code, keep the recovery codes. */
export function MfaSetup({ enabledAt, required, next }: { enabledAt: string | null; required: boolean; next: string | null }) {
  const [enrolment, setEnrolment] = useState<{ secret: string; qrSvg: string } | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => post('/api/account/mfa', { confirm: true }) as Promise<{ secret: string; qrSvg: string }>,
    onSuccess: (result) => { setEnrolment(result); setError(null); },
    onError: (e) => setError(e.message),
  });
  const confirm = useMutation({
    mutationFn: (code: string) => post('/api/account/mfa/confirm', { code }) as Promise<{ recoveryCodes: string[] }>,
    onSuccess: (result) => { setRecoveryCodes(result.recoveryCodes); setError(null); },
    onError: (e) => setError(e.message),
  });

  if (recoveryCodes) {
    return (
      <div className="space-y-3 text-sm">
        <p className="font-medium text-green-800">Two-factor authentication is on.</p>
        <p>Keep these recovery codes somewhere safe: each signs you in once if you lose your authenticator. They are shown only now.</p>
        <ul className="grid grid-cols-2 gap-1 font-mono" data-testid="recovery-codes">{recoveryCodes.map((c) => <li key={c}>{c}</li>)}</ul>
        <Button onClick={() => (next ? window.location.assign(next) : setRecoveryCodes(null))}>{next ? 'I have saved them: continue' : 'Done'}</Button>
      </div>
    );
  }
  if (enabledAt) return <p className="text-sm">On since {enabledAt.slice(0, 10)}. Lost your authenticator? Use a recovery code, or ask an Admin to reset it.</p>;
  if (!enrolment) {
    return (
      <div className="space-y-3 text-sm">
        <p>{required ? 'Your role requires a second factor: set it up to continue.' : 'A code from an authenticator app at each sign-in, besides your password.'}</p>
        <Button onClick={() => start.mutate()} disabled={start.isPending}>Set up two-factor authentication</Button>
        {error && <p className="text-red-700">{error}</p>}
      </div>
    );
  }
  const onConfirm = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    confirm.mutate(String(new FormData(event.currentTarget).get('code')).trim());
  };
  return (
    <form onSubmit={onConfirm} className="space-y-3 text-sm" aria-label="Confirm two-factor authentication">
      <p>Scan this code with your authenticator app, or enter the key by hand.</p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL drawn by the server, nothing to optimise */}
      <img src={`data:image/svg+xml;base64,${btoa(enrolment.qrSvg)}`} alt="QR code of your two-factor key" width={192} height={192} />
      <p>Key: <code className="break-all rounded bg-slate-100 px-1 font-mono" data-testid="mfa-secret">{enrolment.secret}</code></p>
      <label className="block font-medium" htmlFor="mfa-code">The 6-digit code it shows</label>
      <input id="mfa-code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" required className="w-40 rounded-md border border-slate-300 px-3 py-2" />
      {error && <p className="text-red-700" data-testid="mfa-error">{error}</p>}
      <Button type="submit" disabled={confirm.isPending}>Turn on</Button>
    </form>
  );
}
