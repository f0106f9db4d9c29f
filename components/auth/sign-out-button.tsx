'use client';

import { signOut } from 'next-auth/react';
import { Button } from '@/components/ui/button.tsx';

export function SignOutButton() {
  return (
    <Button variant="secondary" className="px-3 py-1" onClick={() => signOut({ callbackUrl: '/sign-in' })}>
      Sign out
    </Button>
  );
}
