'use client';

import { useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { csvLine } from '@/lib/format/csv.ts';

type Cell = string | number | null;

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
  children,
}: {
  id: string;
  title: string;
  description: string;
  columns: ChartColumn<Row>[];
  rows: Row[];
  empty: string;
  children: ReactNode;
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
        <div className="h-80" data-testid={`${id}-chart`}>{children}</div>
      )}
    </section>
  );
}
