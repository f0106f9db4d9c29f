'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';

/**
 * After a client-side navigation to another page, focus goes to its heading, so a keyboard or screen
 * reader user starts on the new page rather than on <body> or the link they left. Filter changes keep
 * the path, and so keep focus where it was.
 */
export function FocusHeadingOnNavigation() {
  const pathname = usePathname();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const heading = document.querySelector<HTMLElement>('main h1');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus({ preventScroll: false });
  }, [pathname]);
  return null;
}
