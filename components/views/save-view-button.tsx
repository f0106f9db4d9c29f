'use client';

import { lazy, Suspense, useState } from 'react';
import { Button } from '@/components/ui/button.tsx';

const SaveViewDialog = lazy(() => import('./save-view-dialog.tsx').then((m) => ({ default: m.SaveViewDialog })));

/** "Save view…" for the list's current query (without "?"). */
export function SaveViewButton({ query }: { query: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="sm" variant="secondary" onClick={() => setOpen(true)}>Save view…</Button>
      {open && (
        <Suspense>
          <SaveViewDialog query={query} onOpenChange={setOpen} />
        </Suspense>
      )}
    </>
  );
}
