import 'server-only';
import { STATUS_LABELS, unlockFlowFor, type CredentialStatus } from '@/lib/domain/credential-status.ts';
import { FLOW_LABEL } from '@/lib/domain/link-rules.ts';
import { formatDay } from '@/lib/domain/time.ts';

export interface StalenessFacts {
  status: CredentialStatus;
  statusChangedAt: Date;
  lastUpdatedAt: Date | null;
  stale: boolean;
  recentOutcomes: string[]; // newest first
  links: { flow: string; state: string; createdAt: Date }[]; // newest first
  contacts: number;
  institutionIncident: boolean;
}

const A_FLOW = { SCA: 'an SCA', RESET: 'a Reset' } as const;

/**
 * "Why is this stale?": one line from the credential's timeline, its links and its institution's
 * state, ending in what to do next. E.g. "Blocked since 3 May; Reset link opened, not completed;
 * institution healthy → contact the client another way".
 */
export function explainStaleness(f: StalenessFacts): string {
  const institution = f.institutionIncident ? 'institution failing right now (open incident)' : 'institution healthy';
  if (f.status === 'PENDING') return `Pending since ${formatDay(f.statusChangedAt)}: the first data load has not finished; ${institution} → wait; Flanks loads new credentials by itself`;
  const flow = unlockFlowFor(f.status);
  if (flow) {
    const since = `${STATUS_LABELS[f.status]} since ${formatDay(f.statusChangedAt)}`;
    const link = f.links.find((l) => l.flow === flow);
    const name = FLOW_LABEL[flow];
    if (!link || link.state === 'EXPIRED' || link.state === 'REVOKED') {
      const previously = link ? `last ${name} link ${link.state.toLowerCase()}` : `no ${name} link sent yet`;
      const next = f.contacts > 0 ? `send ${A_FLOW[flow]} link` : `add a contact, then send ${A_FLOW[flow]} link`;
      return `${since}; ${previously}; ${institution} → ${next}`;
    }
    if (link.state === 'SENT') return `${since}; ${name} link sent ${formatDay(link.createdAt)}, not opened; ${institution} → remind the client or resend`;
    if (link.state === 'OPENED') return `${since}; ${name} link opened, not completed; ${institution} → contact the client another way`;
    if (link.state === 'FAILED') return `${since}; ${name} link used but the ${name} flow failed; ${institution} → ask the client to check their ${flow === 'RESET' ? 'password' : 'one-time code'} and resend`;
    return `${since}; ${name} link completed, waiting for Flanks to refresh; ${institution} → check again shortly`;
  }
  if (!f.stale) return `Active and up to date${f.lastUpdatedAt ? `: data from ${formatDay(f.lastUpdatedAt)}` : ''}`;
  const errors = f.recentOutcomes.findIndex((o) => o !== 'INSTITUTION_ERROR');
  const failedRuns = errors === -1 ? f.recentOutcomes.length : errors;
  const cause = failedRuns > 0 ? `the last ${failedRuns} daily refresh${failedRuns > 1 ? 'es' : ''} failed at the institution` : 'no daily refresh has been observed recently';
  const next = f.institutionIncident ? 'wait for the institution to recover; no action with the client' : 'wait for the next daily run; if it persists, raise it with Flanks';
  return `Active but stale since ${f.lastUpdatedAt ? formatDay(f.lastUpdatedAt) : 'creation'}; ${cause}; ${institution} → ${next}`;
}
