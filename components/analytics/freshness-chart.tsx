'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DataFreshness, FreshnessBucket } from '@/lib/schemas/analytics.ts';
import { ChartPanel, type ChartColumn } from './chart-panel.tsx';

const COLUMNS: ChartColumn<FreshnessBucket>[] = [
  { label: 'Data age', value: (b) => b.label },
  { label: 'Credentials', value: (b) => b.credentials },
];

export function FreshnessChart({ data }: { data: DataFreshness }) {
  const rows = data.buckets.some((b) => b.credentials > 0) ? data.buckets : [];
  return (
    <ChartPanel
      id="data-freshness"
      title="Data freshness now"
      description="Credentials by the age of their last successful data (bars, credentials). A snapshot: the date range does not apply."
      columns={COLUMNS}
      rows={rows}
      empty="No credentials yet."
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" fontSize={12} />
          <YAxis fontSize={12} label={{ value: 'credentials', angle: -90, position: 'insideLeft', fontSize: 12 }} />
          <Tooltip />
          <Legend />
          <Bar dataKey="credentials" name="Credentials" fill="var(--chart-success)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartPanel>
  );
}
