'use client';

import { Button } from '@/components/ui/button.tsx';

// next-auth's REST endpoints directly: its React client would add ~10 kB to every console page for
// this one button (the credentials page is at its first-load budget, docs/BENCHMARKS.md).
async function signOut() {
  const { csrfToken } = (await (await fetch('/api/auth/csrf')).json()) as { csrfToken: string };
  await fetch('/api/auth/signout', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, json: 'true' }),
  });
  window.location.assign('/sign-in');
}

export function SignOutButton() {
  return (
    <Button variant="secondary" size="sm" onClick={() => void signOut()}>
      Sign out
    </Button>
  );
}
