import type { Metadata } from 'next';
import { DailyOutcomesChart } from '@/components/analytics/daily-outcomes-chart.tsx';
import { getDailyOutcomes } from '@/server/analytics/get-daily-outcomes.ts';
import { requirePermission } from '@/server/auth/require-permission.ts';

export const metadata: Metadata = { title: 'Analytics' };

export default async function AnalyticsPage() {
  const actor = await requirePermission('analytics.read');
  const outcomes = await getDailyOutcomes(actor, {});
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Analytics</h1>
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="daily-outcomes-title">
        <h2 id="daily-outcomes-title" className="font-semibold">Daily refresh outcomes, last 30 days</h2>
        <p className="text-sm text-slate-600">Refresh attempts per day by outcome (bars, left axis) and success rate (line, right axis, %).</p>
        <DailyOutcomesChart data={outcomes} />
      </section>
    </div>
  );
}
