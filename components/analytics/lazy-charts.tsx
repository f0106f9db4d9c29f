'use client';

import dynamic from 'next/dynamic';

// Recharts is most of the analytics page's JavaScript: the charts load after the page has painted, so
// the first load stays within the front-end budget (docs/BENCHMARKS.md). The numbers are in each
// chart's table view, which arrives with it.
const placeholder = () => <div className="h-[26rem] rounded-lg border border-slate-200 bg-white shadow-sm" aria-busy="true" />;

export const DailyOutcomesChart = dynamic(() => import('./daily-outcomes-chart.tsx').then((m) => m.DailyOutcomesChart), { ssr: false, loading: placeholder });
export const StatusDistributionChart = dynamic(() => import('./status-distribution-chart.tsx').then((m) => m.StatusDistributionChart), { ssr: false, loading: placeholder });
export const WorstInstitutionsChart = dynamic(() => import('./worst-institutions-chart.tsx').then((m) => m.WorstInstitutionsChart), { ssr: false, loading: placeholder });
export const FreshnessChart = dynamic(() => import('./freshness-chart.tsx').then((m) => m.FreshnessChart), { ssr: false, loading: placeholder });
export const RecoveryFunnelChart = dynamic(() => import('./recovery-funnel-chart.tsx').then((m) => m.RecoveryFunnelChart), { ssr: false, loading: placeholder });
