'use client';

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DailyOutcomes, IncidentMarker } from '@/lib/schemas/analytics.ts';
import { ChartPanel, type ChartColumn } from './chart-panel.tsx';

const SERIES = [
  { key: 'success', label: 'Success', color: 'var(--chart-success)' },
  { key: 'scaRequired', label: 'SCA required', color: 'var(--chart-sca)' },
  { key: 'invalidCredentials', label: 'Invalid credentials', color: 'var(--chart-invalid)' },
  { key: 'institutionError', label: 'Institution error', color: 'var(--chart-error)' },
] as const;

const COLUMNS: ChartColumn<DailyOutcomes>[] = [
  { label: 'Day', value: (d) => d.day },
  ...SERIES.map((s) => ({ label: s.label, value: (d: DailyOutcomes) => d[s.key] })),
  { label: 'Success rate', value: (d) => d.successRate, unit: '%' },
];

/** An incident spans from its first day to the day it closed (or the end of the range while open). */
function incidentSpan(incident: IncidentMarker, days: string[]): { x1: string; x2: string } | null {
  const last = incident.closedAt?.slice(0, 10) ?? days.at(-1)!;
  const inRange = days.filter((d) => d >= incident.day && d <= last);
  return inRange.length ? { x1: inRange[0], x2: inRange.at(-1)! } : null;
}

export function DailyOutcomesChart({ data, incidents }: { data: DailyOutcomes[]; incidents: IncidentMarker[] }) {
  const days = data.map((d) => d.day);
  const incidentNames = [...new Set(incidents.map((i) => i.institutionName))];
  return (
    <ChartPanel
      id="daily-outcomes"
      title="Daily refresh outcomes"
      description={`Refresh attempts per day by outcome (bars, left axis, attempts) and success rate (line, right axis, %).${
        incidentNames.length ? ` Shaded: institution incidents (${incidentNames.join(', ')}).` : ''
      }`}
      columns={COLUMNS}
      rows={data}
      empty="No refreshes observed in this range yet."
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} fontSize={12} />
          <YAxis yAxisId="count" fontSize={12} label={{ value: 'attempts', angle: -90, position: 'insideLeft', fontSize: 12 }} />
          <YAxis yAxisId="rate" orientation="right" domain={[0, 100]} unit="%" fontSize={12} />
          <Tooltip />
          <Legend />
          {incidents.map((incident) => {
            const span = incidentSpan(incident, days);
            return span ? (
              <ReferenceArea
                key={incident.id}
                yAxisId="count"
                {...span}
                fill="var(--chart-invalid)"
                fillOpacity={0.12}
                label={{ value: `Incident: ${incident.institutionName}`, position: 'insideTop', fontSize: 11 }}
              />
            ) : null;
          })}
          {SERIES.map((s) => (
            <Bar key={s.key} yAxisId="count" dataKey={s.key} name={s.label} stackId="outcomes" fill={s.color} isAnimationActive={false} />
          ))}
          <Line yAxisId="rate" dataKey="successRate" name="Success rate (%)" stroke="var(--chart-rate)" dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartPanel>
  );
}
