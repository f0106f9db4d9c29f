'use client';

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { FLOW_LABEL } from '@/lib/domain/link-rules.ts';
import type { RecoveryFunnel } from '@/lib/schemas/analytics.ts';
import { ChartPanel, type ChartColumn } from './chart-panel.tsx';

const STAGES = [
  { key: 'sent', label: 'Links sent' },
  { key: 'opened', label: 'Opened' },
  { key: 'completed', label: 'Completed' },
  { key: 'refreshed', label: 'Data refreshed' },
] as const;
const FLOW_COLOR = { SCA: 'var(--chart-sca)', RESET: 'var(--chart-invalid)' } as const;

const COLUMNS: ChartColumn<RecoveryFunnel>[] = [
  { label: 'Flow', value: (f) => f.flow },
  ...STAGES.map((s) => ({ label: s.label, value: (f: RecoveryFunnel) => f[s.key] })),
  { label: 'Median to recover', value: (f) => f.medianHoursToRecover, unit: ' h' },
  { label: 'p90 to recover', value: (f) => f.p90HoursToRecover, unit: ' h' },
  { label: 'Refreshed, no reminder', value: (f) => f.refreshedByReminders.none },
  { label: 'after 1 reminder', value: (f) => f.refreshedByReminders.one },
  { label: 'after 2+', value: (f) => f.refreshedByReminders.more },
];

export function RecoveryFunnelChart({ data }: { data: RecoveryFunnel[] }) {
  const rows = data.some((f) => f.sent > 0) ? data : [];
  const byStage = STAGES.map((s) => ({ stage: s.label, ...Object.fromEntries(data.map((f) => [f.flow, f[s.key]])) }));
  return (
    <ChartPanel
      id="recovery-funnel"
      title="Recovery funnel per flow"
      description="Links sent in the range and how many were opened, completed, and followed by a successful refresh (bars, links); the table adds the median and p90 hours from sending to recovered data, and how many reminders the refreshed ones took."
      columns={COLUMNS}
      rows={rows}
      empty="No links were sent in this range."
      legend={data.map((f) => ({ label: `${FLOW_LABEL[f.flow]} flow`, color: FLOW_COLOR[f.flow] }))}
    >
      {({ width, height }) => (
        <BarChart width={width} height={height} data={byStage} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis interval={0} dataKey="stage" fontSize={12} />
          <YAxis interval={0} allowDecimals={false} fontSize={12} label={{ value: 'links', angle: -90, position: 'insideLeft', fontSize: 12 }} />
          <Tooltip />
          {data.map((f) => (
            <Bar key={f.flow} dataKey={f.flow} name={`${FLOW_LABEL[f.flow]} flow`} fill={FLOW_COLOR[f.flow]} isAnimationActive={false} />
          ))}
        </BarChart>
      )}
    </ChartPanel>
  );
}
