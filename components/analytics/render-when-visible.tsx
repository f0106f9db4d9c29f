'use client';

import { startTransition, useEffect, useRef, useState, type ComponentType } from 'react';

// Charts waiting to draw, drawn strictly one after another: five Recharts charts drawn together were
// one 1.4 s task on /analytics (docs/BENCHMARKS.md). Each waits for its code, renders in a transition
// (which React may split to answer input), and the next starts only after the browser has painted.
const waiting: (() => Promise<void>)[] = [];
let draining = false;

const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function drain() {
  draining = true;
  for (let draw = waiting.shift(); draw; draw = waiting.shift()) {
    await draw();
    await nextPaint();
  }
  draining = false;
}

function queueDraw(draw: () => Promise<void>) {
  waiting.push(draw);
  if (!draining) void drain();
}

/**
 * Loads and draws a chart once its place nears the viewport, each chart in its own turn; until then
 * a box of the same height holds the place, so nothing below it moves.
 */
export function RenderWhenVisible<P extends object>({ load, props, placeholderClassName }: { load: () => Promise<ComponentType<P>>; props: P; placeholderClassName: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [Chart, setChart] = useState<ComponentType<P> | null>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let cancelled = false;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        queueDraw(async () => {
          const loaded = await load();
          if (!cancelled) startTransition(() => setChart(() => loaded));
        });
      },
      { rootMargin: '0px' },
    );
    observer.observe(element);
    return () => {
      cancelled = true;
      observer.disconnect();
    };
  }, [load]);
  return Chart ? <Chart {...props} /> : <div ref={box} className={placeholderClassName} aria-busy="true" />;
}
