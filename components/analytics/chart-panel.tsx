'use client';

import { startTransition, useEffect, useRef, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { csvLine } from '@/lib/format/csv.ts';

type Cell = string | number | null;

/**
 * Which day ticks an axis labels: about eight, at a fixed step. A number, not Recharts' default
 * 'preserveEnd', which measures every label in the DOM to decide (a forced layout per label).
 */
export const dayTickInterval = (days: number) => Math.max(0, Math.ceil(days / 8) - 1);

export interface ChartSize {
  width: number;
  height: number;
}

export interface LegendItem {
  label: string;
  color: string;
  /** The series' fill when it is a pattern (`url(#…)`); a line series is drawn as a line. */
  fill?: string;
  line?: boolean;
}

export interface ChartColumn<Row> {
  label: string;
  value: (row: Row) => Cell;
  /** Shown after the number in the table, e.g. "%" or " h". */
  unit?: string;
}

/**
 * The frame of every analytics chart: title and units, the chart or (for screen readers and anyone
 * who wants the numbers) a table of exactly the figures drawn, and a CSV download of the same rows.
 */
export function ChartPanel<Row>({
  id,
  title,
  description,
  columns,
  rows,
  empty,
  legend,
  children,
}: {
  id: string;
  title: string;
  description: string;
  columns: ChartColumn<Row>[];
  rows: Row[];
  empty: string;
  legend: LegendItem[];
  /** Draws the chart at the size its area has; called again when that size changes. */
  children: (size: ChartSize) => ReactNode;
}) {
  const [asTable, setAsTable] = useState(false);
  const download = () => {
    const csv = csvLine(columns.map((c) => (c.unit ? `${c.label} (${c.unit.trim()})` : c.label))) + rows.map((row) => csvLine(columns.map((c) => c.value(row)))).join('');
    // With the byte order mark the server's exports have, for the same spreadsheet apps.
    const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${id}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby={`${id}-title`} data-testid={id}>
      <div className="mb-2 flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={`${id}-title`} className="font-semibold">{title}</h2>
          <p className="text-sm text-slate-600">{description}</p>
        </div>
        {rows.length > 0 && (
          <div className="flex gap-2">
            <Button variant="secondary" size="sm" onClick={() => setAsTable(!asTable)} aria-pressed={asTable}>
              {asTable ? 'Show chart' : 'Show table'}
            </Button>
            <Button variant="secondary" size="sm" onClick={download}>
              Download CSV
            </Button>
          </div>
        )}
      </div>
      {rows.length === 0 ? (
        <p className="py-10 text-center text-sm text-slate-600">{empty}</p>
      ) : asTable ? (
        // A scrolling region is a Tab stop, so keyboard users can scroll it too.
        <div className="relative max-h-96 overflow-auto" tabIndex={0} role="region" aria-label={`${title}, as a table`}>
          <table className="min-w-full text-sm" data-testid={`${id}-table`}>
            <caption className="sr-only">{title}</caption>
            <thead className="text-left text-xs uppercase text-slate-600">
              <tr>
                {columns.map((c, i) => (
                  <th key={c.label} scope="col" className={i === 0 ? 'px-2 py-1' : 'px-2 py-1 text-right'}>{c.label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, r) => (
                <tr key={r} className="border-t border-slate-100">
                  {columns.map((c, i) => {
                    const value = c.value(row);
                    const text = value === null ? '—' : `${value}${c.unit ?? ''}`;
                    return i === 0 ? (
                      <th key={c.label} scope="row" className="px-2 py-1 text-left font-normal">{text}</th>
                    ) : (
                      <td key={c.label} className="px-2 py-1 text-right tabular-nums">{text}</td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <>
          <ChartArea id={id} draw={children} />
          <ChartLegend items={legend} />
        </>
      )}
    </section>
  );
}

/**
 * The chart's area, measured here rather than by Recharts' ResponsiveContainer, whose measuring
 * renders the chart twice, synchronously; the size arrives in a transition (docs/BENCHMARKS.md).
 */
function ChartArea({ id, draw }: { id: string; draw: (size: ChartSize) => ReactNode }) {
  const area = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<ChartSize | null>(null);
  useEffect(() => {
    const element = area.current!;
    const measure = () => {
      const box = element.getBoundingClientRect();
      const next = { width: Math.floor(box.width), height: Math.floor(box.height) };
      startTransition(() => setSize((current) => (current?.width === next.width && current.height === next.height ? current : next)));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return <div ref={area} className="h-80" data-testid={`${id}-chart`}>{size && size.width > 0 && draw(size)}</div>;
}

/** The series' names beside their colour and pattern, as HTML: Recharts' legend measures itself and redraws the chart. */
function ChartLegend({ items }: { items: LegendItem[] }) {
  return (
    <ul className="mt-2 flex flex-wrap justify-center gap-x-4 gap-y-1 text-sm text-slate-700">
      {items.map((item) => (
        <li key={item.label} className="flex items-center gap-1.5">
          <svg aria-hidden width="14" height="14" viewBox="0 0 14 14">
            {item.line ? <path d="M0 7 H14" stroke={item.color} strokeWidth={3} /> : <rect x="0.5" y="0.5" width="13" height="13" rx="2" fill={item.fill ?? item.color} stroke={item.color} />}
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}
