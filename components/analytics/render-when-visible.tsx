'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';

// Charts waiting to draw, drawn one per task: five Recharts charts drawn in one task were a 1.4 s
// long task on /analytics (docs/BENCHMARKS.md); one at a time, the page answers input between them.
const waiting: (() => void)[] = [];
let draining = false;

function drawNext() {
  const draw = waiting.shift();
  if (!draw) {
    draining = false;
    return;
  }
  draw();
  // After the browser has painted this chart, the next one.
  requestAnimationFrame(() => setTimeout(drawNext, 0));
}

function queueDraw(draw: () => void) {
  waiting.push(draw);
  if (!draining) {
    draining = true;
    setTimeout(drawNext, 0);
  }
}

/**
 * Renders its children once they are near the viewport, each in its own turn; until then a box of the
 * same height holds the place, so nothing below it moves.
 */
export function RenderWhenVisible({ children, placeholderClassName }: { children: ReactNode; placeholderClassName: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let cancelled = false;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        queueDraw(() => !cancelled && setShown(true));
      },
      { rootMargin: '200px 0px' },
    );
    observer.observe(element);
    return () => {
      cancelled = true;
      observer.disconnect();
    };
  }, []);
  return shown ? <>{children}</> : <div ref={box} className={placeholderClassName} aria-busy="true" />;
}
