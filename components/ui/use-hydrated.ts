'use client';

import { useSyncExternalStore } from 'react';

const hydrated = () => true;
const noChanges = () => () => {};

/**
 * False in the server's HTML and during hydration, true once React runs in the browser. A control
 * that React must hear (a select whose choice shows Save) stays disabled until then: a choice made
 * in the page before hydration is overwritten by React's value and never reaches its handler.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(noChanges, hydrated, () => false);
}
