'use client';

import dynamic from 'next/dynamic';
import type { ComponentProps, ComponentType } from 'react';
import { RenderWhenVisible } from './render-when-visible.tsx';

// Recharts is most of the analytics page's JavaScript: the charts load after the page has painted, so
// the first load stays within the front-end budget (docs/BENCHMARKS.md), and each is drawn when it
// nears the viewport, one at a time. The numbers are in each chart's table view, which arrives with it.
const PLACEHOLDER = 'h-[26rem] rounded-lg border border-slate-200 bg-white shadow-sm';
const placeholder = () => <div className={PLACEHOLDER} aria-busy="true" />;

function whenVisible<P extends object>(Chart: ComponentType<P>) {
  return function VisibleChart(props: P) {
    return <RenderWhenVisible placeholderClassName={PLACEHOLDER}><Chart {...props} /></RenderWhenVisible>;
  };
}

const daily = dynamic(() => import('./daily-outcomes-chart.tsx').then((m) => m.DailyOutcomesChart), { ssr: false, loading: placeholder });
const statuses = dynamic(() => import('./status-distribution-chart.tsx').then((m) => m.StatusDistributionChart), { ssr: false, loading: placeholder });
const worst = dynamic(() => import('./worst-institutions-chart.tsx').then((m) => m.WorstInstitutionsChart), { ssr: false, loading: placeholder });
const freshness = dynamic(() => import('./freshness-chart.tsx').then((m) => m.FreshnessChart), { ssr: false, loading: placeholder });
const funnel = dynamic(() => import('./recovery-funnel-chart.tsx').then((m) => m.RecoveryFunnelChart), { ssr: false, loading: placeholder });

export const DailyOutcomesChart = whenVisible<ComponentProps<typeof daily>>(daily);
export const StatusDistributionChart = whenVisible<ComponentProps<typeof statuses>>(statuses);
export const WorstInstitutionsChart = whenVisible<ComponentProps<typeof worst>>(worst);
export const FreshnessChart = whenVisible<ComponentProps<typeof freshness>>(freshness);
export const RecoveryFunnelChart = whenVisible<ComponentProps<typeof funnel>>(funnel);
