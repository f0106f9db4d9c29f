import type { RecoveryTimeRow, RecoveryTimes } from '@/lib/schemas/analytics.ts';

const percent = (row: RecoveryTimeRow) => (row.recovered ? `${Math.round((row.withinTarget / row.recovered) * 100)}%` : '—');
const duration = (hours: number) => (hours < 48 ? `${hours.toLocaleString('en')} h` : `${(Math.round((hours / 24) * 10) / 10).toLocaleString('en')} d`);

/** How fast broken credentials came back, against the recovery targets: overall, per institution, per owner. */
export function RecoveryTimesPanel({ data }: { data: RecoveryTimes }) {
  return (
    <section aria-labelledby="recovery-times-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="recovery-times-title" className="font-semibold">Time to recover</h2>
      <p className="mt-1 text-sm text-slate-600" data-testid="recovery-overall">
        {data.overall.recovered
          ? `${percent(data.overall)} of ${data.overall.recovered.toLocaleString('en')} recoveries came within target (Blocked ${data.targets.BLOCKED} d, Pending SCA ${data.targets.PENDING_SCA} d); on average after ${duration(data.overall.averageHours)} in the status.`
          : 'No Blocked or Pending SCA credential recovered in this range.'}
      </p>
      {data.overall.recovered > 0 && (
        <div className="mt-3 grid gap-4 lg:grid-cols-2">
          <RecoveryTable caption="Per institution" rows={data.byInstitution} testId="recovery-by-institution" />
          <RecoveryTable caption="Per owner" rows={data.byOwner} testId="recovery-by-owner" />
        </div>
      )}
    </section>
  );
}

function RecoveryTable({ caption, rows, testId }: { caption: string; rows: RecoveryTimeRow[]; testId: string }) {
  return (
    <div className="relative max-h-80 overflow-auto rounded border border-slate-200" role="region" aria-label={`Time to recover, ${caption.toLowerCase()}`} tabIndex={0}>
      <table className="min-w-full text-sm" data-testid={testId}>
        <caption className="px-2 py-1 text-left font-medium">{caption}</caption>
        <thead className="bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-2 py-1">{caption === 'Per owner' ? 'Owner' : 'Institution'}</th>
            <th scope="col" className="px-2 py-1 text-right">Recovered</th>
            <th scope="col" className="px-2 py-1 text-right">Within target</th>
            <th scope="col" className="px-2 py-1 text-right">Average time</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id ?? 'none'}>
              <th scope="row" className="px-2 py-1 text-left font-normal">{row.name}</th>
              <td className="px-2 py-1 text-right tabular-nums">{row.recovered.toLocaleString('en')}</td>
              <td className="px-2 py-1 text-right tabular-nums">{percent(row)}</td>
              <td className="px-2 py-1 text-right tabular-nums">{duration(row.averageHours)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
