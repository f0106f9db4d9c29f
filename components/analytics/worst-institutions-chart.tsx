'use client';

import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import type { InstitutionSuccess, WorstInstitutions } from '@/lib/schemas/analytics.ts';
import { ChartPanel, type ChartColumn, type LegendItem } from './chart-panel.tsx';

const COLUMNS: ChartColumn<InstitutionSuccess>[] = [
  { label: 'Institution', value: (i) => i.institutionName },
  { label: 'Attempts', value: (i) => i.attempts },
  { label: 'Successes', value: (i) => i.success },
  { label: 'Success rate', value: (i) => i.successRate, unit: '%' },
];

const LEGEND: LegendItem[] = [{ label: 'Success rate (%)', color: 'var(--chart-rate)' }];

export function WorstInstitutionsChart({ data }: { data: WorstInstitutions }) {
  return (
    <ChartPanel
      id="worst-institutions"
      title="Institutions with the worst success rate"
      description={`Success rate over the range (bars from 0, labelled with their %), lowest first; institutions with fewer than ${data.minAttempts} attempts are left out.`}
      columns={COLUMNS}
      rows={data.items}
      empty={`No institution had ${data.minAttempts} or more refresh attempts in this range.`}
      legend={LEGEND}
    >
      {({ width, height }) => (
        <BarChart width={width} height={height} data={data.items} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis interval={0} type="number" domain={[0, 100]} unit="%" fontSize={12} />
          <YAxis interval={0} type="category" dataKey="institutionName" width={150} fontSize={12} />
          <Tooltip formatter={(value, _name, item) => [`${value}% of ${(item.payload as InstitutionSuccess).attempts} attempts`, 'Success rate']} />
          {/* Bars start at 0, so small differences are read from the labels rather than from a cut axis. */}
          <Bar dataKey="successRate" name="Success rate (%)" fill="var(--chart-rate)" isAnimationActive={false}>
            <LabelList dataKey="successRate" position="insideRight" formatter={(v: unknown) => `${v}%`} fill="var(--chart-label-on-bar)" fontSize={12} />
          </Bar>
        </BarChart>
      )}
    </ChartPanel>
  );
}
