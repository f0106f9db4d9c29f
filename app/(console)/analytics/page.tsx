import type { Metadata } from 'next';
import { AnalyticsFilters } from '@/components/analytics/analytics-filters.tsx';
import { DailyOutcomesChart, FreshnessChart, RecoveryFunnelChart, StatusDistributionChart, WorstInstitutionsChart } from '@/components/analytics/lazy-charts.tsx';
import { analyticsRangeSchema, resolveRange } from '@/lib/schemas/analytics.ts';
import { getDailyOutcomes } from '@/server/analytics/get-daily-outcomes.ts';
import { getDataFreshness } from '@/server/analytics/get-data-freshness.ts';
import { getRecoveryFunnel } from '@/server/analytics/get-recovery-funnel.ts';
import { getRecoveryTimes } from '@/server/analytics/get-recovery-times.ts';
import { RecoveryTimesPanel } from '@/components/analytics/recovery-times-panel.tsx';
import { getStatusDistribution } from '@/server/analytics/get-status-distribution.ts';
import { getWorstInstitutions } from '@/server/analytics/get-worst-institutions.ts';
import { requirePermission } from '@/server/auth/require-permission.ts';
import { listInstitutions } from '@/server/credentials/list-institutions.ts';
import { listIncidentMarkers } from '@/server/incidents/list-incident-markers.ts';
import { BadFilterNotice } from '@/components/shell/bad-filter-notice.tsx';

export const metadata: Metadata = { title: 'Analytics' };

export default async function AnalyticsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission('analytics.read');
  const parsed = analyticsRangeSchema.safeParse(await searchParams);
  if (!parsed.success) {
    return <BadFilterNotice title="This link has a date range or institution CredOps does not understand." problems={parsed.error.issues} resetHref="/analytics" resetLabel="Show the last 30 days" />;
  }
  const query = parsed.data;
  const now = new Date();
  const range = resolveRange(query, now);
  const [outcomes, incidents, statuses, worst, freshness, funnel, recoveryTimes, institutions] = await Promise.all([
    getDailyOutcomes(actor, query, { now }),
    listIncidentMarkers(actor, query, { now }),
    getStatusDistribution(actor, query, { now }),
    getWorstInstitutions(actor, query, { now }),
    getDataFreshness(actor, query, { now }),
    getRecoveryFunnel(actor, query, { now }),
    getRecoveryTimes(actor, query, { now }),
    listInstitutions(actor),
  ]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Analytics</h1>
        <p className="text-sm text-slate-600">
          {range.from} to {range.to} (UTC days)
          {range.institutions.length ? `, ${range.institutions.length} institution${range.institutions.length > 1 ? 's' : ''}` : ', all institutions'}
        </p>
      </div>
      <AnalyticsFilters range={range} today={now.toISOString().slice(0, 10)} institutions={institutions} />
      <DailyOutcomesChart data={outcomes} incidents={incidents} />
      <StatusDistributionChart data={statuses} />
      <div className="grid gap-6 lg:grid-cols-2">
        <WorstInstitutionsChart data={worst} />
        <FreshnessChart data={freshness} />
      </div>
      <RecoveryFunnelChart data={funnel} />
      <RecoveryTimesPanel data={recoveryTimes} />
    </div>
  );
}
