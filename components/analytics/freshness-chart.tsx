'use client';

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { DataFreshness, FreshnessBucket } from '@/lib/schemas/analytics.ts';
import { ChartPanel, type ChartColumn, type LegendItem } from './chart-panel.tsx';

const COLUMNS: ChartColumn<FreshnessBucket>[] = [
  { label: 'Data age', value: (b) => b.label },
  { label: 'Credentials', value: (b) => b.credentials },
];

const LEGEND: LegendItem[] = [{ label: 'Credentials', color: 'var(--chart-success)' }];

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
      legend={LEGEND}
    >
      {({ width, height }) => (
        <BarChart width={width} height={height} data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis interval={0} dataKey="label" fontSize={12} />
          <YAxis interval={0} fontSize={12} label={{ value: 'credentials', angle: -90, position: 'insideLeft', fontSize: 12 }} />
          <Tooltip />
          <Bar dataKey="credentials" name="Credentials" fill="var(--chart-success)" isAnimationActive={false} />
        </BarChart>
      )}
    </ChartPanel>
  );
}
