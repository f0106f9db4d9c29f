import { Badge, type BadgeTone } from '@/components/ui/badge.tsx';
import { STATUS_LABELS, type CredentialStatus } from '@/lib/domain/credential-status.ts';
const STATUS_TONE: Record<CredentialStatus, BadgeTone> = { PENDING: 'blue', ACTIVE: 'green', PENDING_SCA: 'amber', BLOCKED: 'red' };

export function StatusBadge({ status }: { status: CredentialStatus }) {
  return <Badge tone={STATUS_TONE[status]}>{STATUS_LABELS[status]}</Badge>;
}

const OUTCOME_LABEL: Record<string, [string, BadgeTone]> = {
  SUCCESS: ['Success', 'green'],
  SCA_REQUIRED: ['SCA required', 'amber'],
  INVALID_CREDENTIALS: ['Invalid credentials', 'red'],
  INSTITUTION_ERROR: ['Institution error', 'gray'],
};

export function OutcomeBadge({ outcome }: { outcome: string | null }) {
  if (!outcome) return <span className="text-slate-500">—</span>;
  const [label, tone] = OUTCOME_LABEL[outcome] ?? [outcome, 'gray'];
  return <Badge tone={tone}>{label}</Badge>;
}
