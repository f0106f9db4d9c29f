'use client';

import { Slot } from 'radix-ui';
import { lazy, Suspense, useRef, useState, type ReactNode } from 'react';
import type { ConfirmQuestion } from './confirm-dialog-content.tsx';

// The dialog's code loads when a question is first asked, not with every page that could ask one.
const ConfirmDialogContent = lazy(() => import('./confirm-dialog-content.tsx').then((m) => ({ default: m.ConfirmDialogContent })));

/**
 * Asks before an act that cannot be taken back or that changes someone's access: `trigger` opens the
 * question and nothing happens until it is answered. Focus goes back to the trigger afterwards.
 */
export function ConfirmDialog({ trigger, ...question }: ConfirmQuestion & { trigger: ReactNode }) {
  const [open, setOpen] = useState(false);
  const triggerRef = useRef<HTMLElement>(null);
  const close = () => {
    setOpen(false);
    triggerRef.current?.focus();
  };
  return (
    <>
      <Slot.Root ref={triggerRef} aria-haspopup="dialog" onClick={() => setOpen(true)}>{trigger}</Slot.Root>
      {open && <Suspense><ConfirmDialogContent {...question} onClose={close} /></Suspense>}
    </>
  );
}
