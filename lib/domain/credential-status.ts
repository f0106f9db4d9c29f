// The four lifecycle statuses, as the API spells them, and how people read them. Safe on both sides.

export const CREDENTIAL_STATUSES = ['PENDING', 'ACTIVE', 'PENDING_SCA', 'BLOCKED'] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

/** The Flanks Link flows an end user completes to unlock a credential. */
export const LINK_FLOWS = ['SCA', 'RESET'] as const;
export type LinkFlow = (typeof LINK_FLOWS)[number];

const UNLOCKED_BY: Record<LinkFlow, CredentialStatus> = { SCA: 'PENDING_SCA', RESET: 'BLOCKED' };

/** The Link flow an end user must complete to unlock a credential, if any. */
export function unlockFlowFor(status: CredentialStatus): LinkFlow | null {
  return LINK_FLOWS.find((flow) => UNLOCKED_BY[flow] === status) ?? null;
}

/** The status a flow unlocks: the only credentials that flow's link can reach. */
export function statusUnlockedBy(flow: LinkFlow): CredentialStatus {
  return UNLOCKED_BY[flow];
}

export const STATUS_LABELS: Record<CredentialStatus, string> = {
  PENDING: 'Pending',
  ACTIVE: 'Active', // Flanks has no name for the normal state
  PENDING_SCA: 'Pending SCA',
  BLOCKED: 'Blocked',
};
