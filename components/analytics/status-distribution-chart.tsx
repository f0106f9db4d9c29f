'use client';

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { StatusDistributionDay } from '@/lib/schemas/analytics.ts';
import { ChartPanel, dayTickInterval, type ChartColumn, type LegendItem } from './chart-panel.tsx';
import { ChartPatterns, seriesFill, type PatternedSeries } from './chart-patterns.tsx';

// The status colours of the badges, with a pattern as the second cue (components/analytics/chart-patterns.tsx).
const SERIES = [
  { key: 'active', label: 'Active', color: 'var(--chart-success)' },
  { key: 'pending', label: 'Pending', color: 'var(--chart-rate)', pattern: 'lines' },
  { key: 'pendingSca', label: 'Pending SCA', color: 'var(--chart-sca)', pattern: 'stripes' },
  { key: 'blocked', label: 'Blocked', color: 'var(--chart-invalid)', pattern: 'crosses' },
] as const satisfies readonly (PatternedSeries & { key: string; label: string })[];

const LEGEND: LegendItem[] = SERIES.map((s) => ({ label: s.label, color: s.color, fill: seriesFill('status-distribution', s) }));

const COLUMNS: ChartColumn<StatusDistributionDay>[] = [
  { label: 'Day', value: (d) => d.day },
  ...SERIES.map((s) => ({ label: s.label, value: (d: StatusDistributionDay) => d[s.key] })),
];

export function StatusDistributionChart({ data }: { data: StatusDistributionDay[] }) {
  return (
    <ChartPanel
      id="status-distribution"
      title="Status distribution per day"
      description="Credentials in each status at the end of each day (stacked bars, credentials)."
      columns={COLUMNS}
      rows={data}
      empty="No status snapshots in this range yet."
      legend={LEGEND}
    >
      {({ width, height }) => (
        <BarChart width={width} height={height} data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <ChartPatterns chartId="status-distribution" series={SERIES} />
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" interval={dayTickInterval(data.length)} tickFormatter={(d: string) => d.slice(5)} fontSize={12} />
          <YAxis interval={0} fontSize={12} label={{ value: 'credentials', angle: -90, position: 'insideLeft', fontSize: 12 }} />
          <Tooltip />
          {SERIES.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="statuses" fill={seriesFill('status-distribution', s)} stroke={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      )}
    </ChartPanel>
  );
}
