import { clsx, type ClassValue } from 'clsx';
import { twMerge } from 'tailwind-merge';

/** Class names joined and merged, so a caller's `px-2` replaces a component's `px-4` instead of fighting it. */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}
