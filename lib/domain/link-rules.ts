// The rules of SCA and Reset links, free of any framework: which flow a status needs, how a link
// moves through its states, how often an end user may be emailed, and how delivery retries back off.
import { STATUS_LABELS, unlockFlowFor, type CredentialStatus, type LinkFlow } from './credential-status.ts';
import { DAY_MS } from './time.ts';

export { LINK_FLOWS, type LinkFlow } from './credential-status.ts';

/** Stored states. A SENT link past its expiry is shown as EXPIRED; nothing needs to run to expire it. */
export type LinkState = 'SENT' | 'OPENED' | 'COMPLETED' | 'FAILED' | 'REVOKED';
export type LinkView = LinkState | 'EXPIRED';

export const FLOW_LABEL: Record<LinkFlow, string> = { SCA: 'SCA', RESET: 'Reset' };

/**
 * The flow a bulk send of this filter proposes: the one asked for, else SCA when the filter is
 * Pending SCA alone, else Reset (Blocked credentials are the ones operations chase first).
 */
export function bulkSendFlowFor(requested: string | undefined, statuses: readonly CredentialStatus[]): LinkFlow {
  if (requested === 'SCA' || requested === 'RESET') return requested;
  return statuses.length === 1 && statuses[0] === 'PENDING_SCA' ? 'SCA' : 'RESET';
}

export const otherFlow = (flow: LinkFlow): LinkFlow => (flow === 'SCA' ? 'RESET' : 'SCA');

/** Why this flow cannot be sent for this status, in words for the sender; null when it fits. */
export function flowMismatch(flow: LinkFlow, status: CredentialStatus): string | null {
  const needed = unlockFlowFor(status);
  if (needed === flow) return null;
  const statusName = STATUS_LABELS[status];
  if (!needed) return `This credential is ${statusName}: it needs no ${FLOW_LABEL[flow]} link.`;
  return `This credential is ${statusName}: it needs a ${FLOW_LABEL[needed]} link, not a ${FLOW_LABEL[flow]} link.`;
}

export interface LinkFacts {
  state: string;
  expiresAt: Date;
}

export function linkViewAt(link: LinkFacts, now: Date): LinkView {
  if (link.state === 'SENT' && link.expiresAt <= now) return 'EXPIRED';
  return link.state as LinkState;
}

/** Live: the end user can still use it, so sending again resends it rather than making a second one. */
export function isLive(link: LinkFacts, now: Date): boolean {
  return linkViewAt(link, now) === 'SENT';
}

/** What the link page tells an end user whose link cannot be used, by why. */
export type UnusableReason = 'UNKNOWN' | 'EXPIRED' | 'REVOKED' | 'USED';

/** Opening (the human "Continue") consumes the link: only a live one may be opened. */
export function refuseOpening(link: LinkFacts | null, now: Date): UnusableReason | null {
  if (!link) return 'UNKNOWN';
  const view = linkViewAt(link, now);
  if (view === 'SENT') return null;
  if (view === 'EXPIRED' || view === 'REVOKED') return view;
  return 'USED';
}

/** Flanks' return from its Link: only an opened link can finish, once. */
export function finishState(link: LinkFacts, flanksError: string | null): LinkState | null {
  if (link.state !== 'OPENED') return null;
  return flanksError ? 'FAILED' : 'COMPLETED';
}

/** Only a link nobody has used yet can be revoked; revoking twice is a no-op. */
export function mayRevoke(link: LinkFacts): boolean {
  return link.state === 'SENT' || link.state === 'REVOKED';
}

export const expiryFrom = (now: Date, days: number) => new Date(now.getTime() + days * DAY_MS);

/** End users get at most one email per credential and flow per day, unless an Admin overrides. */
export const EMAIL_COOLDOWN_MS = DAY_MS;
export function nextEmailAllowedAt(lastEmailAt: Date | null): Date | null {
  return lastEmailAt ? new Date(lastEmailAt.getTime() + EMAIL_COOLDOWN_MS) : null;
}
