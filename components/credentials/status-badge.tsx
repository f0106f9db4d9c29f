import { Ban, CircleCheck, Clock, KeyRound, TriangleAlert, X, type LucideIcon } from 'lucide-react';
import { Badge, type BadgeTone } from '@/components/ui/badge.tsx';
import { STATUS_LABELS, type CredentialStatus } from '@/lib/domain/credential-status.ts';

// Each status has a shape as well as a colour: green, amber and red look alike to about one man in twelve.
const STATUS_LOOK: Record<CredentialStatus, [BadgeTone, LucideIcon]> = {
  PENDING: ['blue', Clock],
  ACTIVE: ['green', CircleCheck],
  PENDING_SCA: ['amber', KeyRound],
  BLOCKED: ['red', Ban],
};

export function StatusBadge({ status }: { status: CredentialStatus }) {
  const [tone, Icon] = STATUS_LOOK[status];
  return <Badge tone={tone}><Icon aria-hidden className="size-3" />{STATUS_LABELS[status]}</Badge>;
}

const OUTCOME_LOOK: Record<string, [string, BadgeTone, LucideIcon]> = {
  SUCCESS: ['Success', 'green', CircleCheck],
  SCA_REQUIRED: ['SCA required', 'amber', KeyRound],
  INVALID_CREDENTIALS: ['Invalid credentials', 'red', X],
  INSTITUTION_ERROR: ['Institution error', 'gray', TriangleAlert],
};

export function OutcomeBadge({ outcome }: { outcome: string | null }) {
  if (!outcome) return <span className="text-slate-500">—</span>;
  const [label, tone, Icon] = OUTCOME_LOOK[outcome] ?? [outcome, 'gray', TriangleAlert];
  return <Badge tone={tone}><Icon aria-hidden className="size-3" />{label}</Badge>;
}
