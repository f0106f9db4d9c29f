import { Check } from 'lucide-react';
import { cn } from '@/lib/cn.ts';
import { CREDENTIAL_STATUSES, STATUS_LABELS, type CredentialStatus } from '@/lib/domain/credential-status.ts';
import { AGING_BUCKETS, isTargeted, type AgingBucket } from '@/lib/domain/recovery-targets.ts';
import type { StatusCounts } from '@/lib/schemas/credentials.ts';

/** A count per status that is also the status filter: "All" clears it, a status card toggles it. */
export function StatusCards({ counts, selected, onClear, onToggle }: { counts: StatusCounts; selected: CredentialStatus[]; onClear: () => void; onToggle: (status: CredentialStatus) => void }) {
  return (
    <nav aria-label="Status" className="grid grid-cols-2 gap-3 sm:grid-cols-5">
      <StatusCard label="All" count={counts.total} active={!selected.length} onSelect={onClear} />
      {CREDENTIAL_STATUSES.map((status) => (
        <StatusCard key={status} label={STATUS_LABELS[status]} count={counts[status]} active={selected.includes(status)} onSelect={() => onToggle(status)} aging={isTargeted(status) ? counts.aging?.[status] : undefined} />
      ))}
    </nav>
  );
}

function StatusCard({ label, count, active, onSelect, aging }: { label: string; count: number; active: boolean; onSelect: () => void; aging?: Record<AgingBucket, number> }) {
  return (
    <button
      type="button"
      onClick={onSelect}
      aria-pressed={active}
      // Selected is a dark border and a tick; keyboard focus is the blue outline every control has, so the two never look alike.
      className={cn('rounded-lg border bg-white p-3 text-left shadow-sm hover:border-slate-400 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600', active ? 'border-slate-900 ring-1 ring-slate-900' : 'border-slate-200')}
    >
      <span className="flex items-center justify-between text-sm text-slate-600">{label}{active && <Check aria-hidden className="size-4 text-slate-900" />}</span>
      <span className="block text-2xl font-semibold tabular-nums" data-testid={`count-${label}`}>{count.toLocaleString('en')}</span>
      {aging && (
        <span className="mt-1 block text-xs text-slate-600 tabular-nums" data-testid={`aging-${label}`}>
          {AGING_BUCKETS.map((bucket) => `${bucket}: ${aging[bucket].toLocaleString('en')}`).join(' · ')}
        </span>
      )}
    </button>
  );
}
