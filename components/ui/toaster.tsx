'use client';

import { useTheme } from 'next-themes';
import { lazy, Suspense } from 'react';

// sonner (~10 kB) loads after the page, on every page: nothing is toasted before a person acts, and
// the pages that toast import it themselves (docs/BENCHMARKS.md, first-load budget).
const Sonner = lazy(() => import('sonner').then((m) => ({ default: m.Toaster })));

/** Where every mutation reports itself: pending, done (with Undo where it is safe) or failed. */
export function Toaster() {
  const { resolvedTheme } = useTheme();
  return (
    <Suspense>
      <Sonner theme={resolvedTheme === 'dark' ? 'dark' : 'light'} position="bottom-right" closeButton richColors containerAriaLabel="Notifications" />
    </Suspense>
  );
}
