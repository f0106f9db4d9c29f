'use client';

import { Keyboard } from 'lucide-react';
import { lazy, Suspense, useState } from 'react';
import { useShortcuts } from './use-shortcuts.ts';

// The dialog's code (Radix Dialog, focus trap, scroll lock) loads the first time someone asks for it.
const ShortcutsDialog = lazy(() => import('./shortcuts-dialog.tsx').then((m) => ({ default: m.ShortcutsDialog })));

/** "?" anywhere (or the keyboard button in the header) lists every shortcut of the console. */
export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  useShortcuts({ help: () => setOpen(true) });
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className="rounded p-1 text-slate-600 hover:bg-slate-100" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
        <Keyboard aria-hidden className="size-4" />
      </button>
      {open && <Suspense><ShortcutsDialog onClose={() => setOpen(false)} /></Suspense>}
    </>
  );
}
