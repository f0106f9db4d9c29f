'use client';

import { useEffect, useRef } from 'react';
import { shortcutFor, type ShortcutName } from '@/lib/domain/keyboard-shortcuts.ts';

const isEditable = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Binds the page's shortcuts while it is shown; a dialog that is open keeps the keys to itself. */
export function useShortcuts(handlers: Partial<Record<ShortcutName, () => void>>) {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
      const names = Object.keys(latest.current) as ShortcutName[];
      const name = shortcutFor({ key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, targetIsEditable: isEditable(event.target) }, names);
      if (!name) return;
      event.preventDefault();
      latest.current[name]?.();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
