'use client';

import { Bar, CartesianGrid, ComposedChart, Line, ReferenceArea, Tooltip, XAxis, YAxis } from 'recharts';
import { rateAxis } from '@/lib/domain/rate-axis.ts';
import type { DailyOutcomes, IncidentMarker } from '@/lib/schemas/analytics.ts';
import { ChartPanel, dayTickInterval, type ChartColumn, type LegendItem } from './chart-panel.tsx';
import { ChartPatterns, seriesFill, type PatternedSeries } from './chart-patterns.tsx';

// Colour-blind-safe colours, and a pattern for each failure so the stack reads without colour too.
const SERIES = [
  { key: 'success', label: 'Success', color: 'var(--chart-success)' },
  { key: 'scaRequired', label: 'SCA required', color: 'var(--chart-sca)', pattern: 'stripes' },
  { key: 'invalidCredentials', label: 'Invalid credentials', color: 'var(--chart-invalid)', pattern: 'crosses' },
  { key: 'institutionError', label: 'Institution error', color: 'var(--chart-error)', pattern: 'dots' },
] as const satisfies readonly (PatternedSeries & { key: string; label: string })[];

const LEGEND: LegendItem[] = [
  ...SERIES.map((s) => ({ label: s.label, color: s.color, fill: seriesFill('daily-outcomes', s) })),
  { label: 'Success rate (%)', color: 'var(--chart-rate)', line: true },
];

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
  const axis = rateAxis(data.map((d) => d.successRate));
  return (
    <ChartPanel
      id="daily-outcomes"
      title="Daily refresh outcomes"
      description={`Refresh attempts per day by outcome (bars, left axis, attempts) and success rate (line, right axis, %${axis.truncated ? `; that axis starts at ${axis.domain[0]} %, not 0, so the differences show` : ''}).${
        incidentNames.length ? ` Shaded: institution incidents (${incidentNames.join(', ')}).` : ''
      }`}
      columns={COLUMNS}
      rows={data}
      empty="No refreshes observed in this range yet."
      legend={LEGEND}
    >
      {({ width, height }) => (
        <ComposedChart width={width} height={height} data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <ChartPatterns chartId="daily-outcomes" series={SERIES} />
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" interval={dayTickInterval(data.length)} tickFormatter={(d: string) => d.slice(5)} fontSize={12} />
          <YAxis interval={0} yAxisId="count" fontSize={12} label={{ value: 'attempts', angle: -90, position: 'insideLeft', fontSize: 12 }} />
          <YAxis interval={0} yAxisId="rate" orientation="right" domain={axis.domain} allowDataOverflow unit="%" fontSize={12} label={axis.truncated ? { value: `from ${axis.domain[0]} %`, angle: 90, position: 'insideRight', fontSize: 11 } : undefined} />
          <Tooltip />
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
            <Bar key={s.key} yAxisId="count" dataKey={s.key} name={s.label} stackId="outcomes" fill={seriesFill('daily-outcomes', s)} stroke={s.color} isAnimationActive={false} />
          ))}
          <Line yAxisId="rate" dataKey="successRate" name="Success rate (%)" stroke="var(--chart-rate)" strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
        </ComposedChart>
      )}
    </ChartPanel>
  );
}
