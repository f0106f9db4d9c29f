'use client';

import { Monitor, Moon, Sun } from 'lucide-react';
import { useTheme } from 'next-themes';
import { useHydrated } from '@/components/ui/use-hydrated.ts';

const NEXT = { system: 'light', light: 'dark', dark: 'system' } as const;
const ICON = { system: Monitor, light: Sun, dark: Moon } as const;
type Theme = keyof typeof NEXT;
const isTheme = (value: string | undefined): value is Theme => value === 'system' || value === 'light' || value === 'dark';

/** Follows the system until someone picks light or dark; one button cycles system → light → dark. */
export function ThemeToggle() {
  const { theme, setTheme } = useTheme();
  // The stored choice is only known in the browser: the server draws "system".
  const inBrowser = useHydrated();
  const current: Theme = inBrowser && isTheme(theme) ? theme : 'system';
  const Icon = ICON[current];
  return (
    <button type="button" onClick={() => setTheme(NEXT[current])} className="rounded p-1 text-slate-600 hover:bg-slate-100" aria-label={`Theme: ${current}. Switch to ${NEXT[current]}`} title={`Theme: ${current}`}>
      <Icon aria-hidden className="size-4" />
    </button>
  );
}
