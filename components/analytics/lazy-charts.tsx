'use client';

import type { ComponentProps, ComponentType } from 'react';
import type * as Daily from './daily-outcomes-chart.tsx';
import type * as Freshness from './freshness-chart.tsx';
import type * as Funnel from './recovery-funnel-chart.tsx';
import type * as Statuses from './status-distribution-chart.tsx';
import type * as Worst from './worst-institutions-chart.tsx';
import { RenderWhenVisible } from './render-when-visible.tsx';

// Recharts is most of the analytics page's JavaScript: the charts load after the page has painted, so
// the first load stays within the front-end budget (docs/BENCHMARKS.md), and each is loaded and drawn
// when it nears the viewport, one at a time. The numbers are in each chart's table view, which arrives with it.
const PLACEHOLDER = 'h-[26rem] rounded-lg border border-slate-200 bg-white shadow-sm';

function whenVisible<P extends object>(load: () => Promise<ComponentType<P>>) {
  return function VisibleChart(props: P) {
    return <RenderWhenVisible load={load} props={props} placeholderClassName={PLACEHOLDER} />;
  };
}

export const DailyOutcomesChart = whenVisible<ComponentProps<typeof Daily.DailyOutcomesChart>>(() => import('./daily-outcomes-chart.tsx').then((m) => m.DailyOutcomesChart));
export const StatusDistributionChart = whenVisible<ComponentProps<typeof Statuses.StatusDistributionChart>>(() => import('./status-distribution-chart.tsx').then((m) => m.StatusDistributionChart));
export const WorstInstitutionsChart = whenVisible<ComponentProps<typeof Worst.WorstInstitutionsChart>>(() => import('./worst-institutions-chart.tsx').then((m) => m.WorstInstitutionsChart));
export const FreshnessChart = whenVisible<ComponentProps<typeof Freshness.FreshnessChart>>(() => import('./freshness-chart.tsx').then((m) => m.FreshnessChart));
export const RecoveryFunnelChart = whenVisible<ComponentProps<typeof Funnel.RecoveryFunnelChart>>(() => import('./recovery-funnel-chart.tsx').then((m) => m.RecoveryFunnelChart));
