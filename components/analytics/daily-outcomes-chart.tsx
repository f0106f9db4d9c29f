'use client';

import { useState } from 'react';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DailyOutcomes } from '@/lib/schemas/analytics.ts';
import { Button } from '@/components/ui/button.tsx';

const SERIES = [
  { key: 'success', label: 'Success', color: 'var(--chart-success)' },
  { key: 'scaRequired', label: 'SCA required', color: 'var(--chart-sca)' },
  { key: 'invalidCredentials', label: 'Invalid credentials', color: 'var(--chart-invalid)' },
  { key: 'institutionError', label: 'Institution error', color: 'var(--chart-error)' },
] as const;

export function DailyOutcomesChart({ data }: { data: DailyOutcomes[] }) {
  const [asTable, setAsTable] = useState(false);
  if (data.length === 0) return <p className="py-10 text-center text-sm text-slate-600">No refreshes observed in this range yet.</p>;
  return (
    <div>
      <div className="mb-2 flex justify-end">
        <Button variant="secondary" className="px-3 py-1" onClick={() => setAsTable(!asTable)} aria-pressed={asTable}>
          {asTable ? 'Show chart' : 'Show table'}
        </Button>
      </div>
      {asTable ? (
        <div className="max-h-96 overflow-auto">
          <table className="min-w-full text-sm" data-testid="daily-outcomes-table">
            <caption className="sr-only">Daily refresh outcomes</caption>
            <thead className="text-left text-xs uppercase text-slate-600">
              <tr>
                <th scope="col" className="px-2 py-1">Day</th>
                {SERIES.map((s) => <th key={s.key} scope="col" className="px-2 py-1 text-right">{s.label}</th>)}
                <th scope="col" className="px-2 py-1 text-right">Success rate</th>
              </tr>
            </thead>
            <tbody>
              {data.map((d) => (
                <tr key={d.day} className="border-t border-slate-100">
                  <th scope="row" className="px-2 py-1 text-left font-normal">{d.day}</th>
                  {SERIES.map((s) => <td key={s.key} className="px-2 py-1 text-right tabular-nums">{d[s.key]}</td>)}
                  <td className="px-2 py-1 text-right tabular-nums">{d.successRate === null ? '—' : `${d.successRate}%`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="h-80" data-testid="daily-outcomes-chart">
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} fontSize={12} />
              <YAxis yAxisId="count" fontSize={12} />
              <YAxis yAxisId="rate" orientation="right" domain={[0, 100]} unit="%" fontSize={12} />
              <Tooltip />
              <Legend />
              {SERIES.map((s) => (
                <Bar key={s.key} yAxisId="count" dataKey={s.key} name={s.label} stackId="outcomes" fill={s.color} isAnimationActive={false} />
              ))}
              <Line yAxisId="rate" dataKey="successRate" name="Success rate (%)" stroke="var(--chart-rate)" dot={false} isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
    </div>
  );
}
