import { clsx } from 'clsx';
import type { ReactNode } from 'react';

const TONES = {
  green: 'bg-green-100 text-green-900 ring-green-600/30',
  amber: 'bg-amber-100 text-amber-900 ring-amber-600/30',
  red: 'bg-red-100 text-red-900 ring-red-600/30',
  blue: 'bg-blue-100 text-blue-900 ring-blue-600/30',
  gray: 'bg-slate-100 text-slate-800 ring-slate-500/30',
} as const;

export type BadgeTone = keyof typeof TONES;

/** `title`: what the badge means, on hover, for a badge whose word alone does not say it. */
export function Badge({ tone, title, children }: { tone: BadgeTone; title?: string; children: ReactNode }) {
  return <span title={title} className={clsx('inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset whitespace-nowrap', TONES[tone])}>{children}</span>;
}
