// The four lifecycle statuses, as the API spells them, and how people read them. Safe on both sides.

export const CREDENTIAL_STATUSES = ['PENDING', 'ACTIVE', 'PENDING_SCA', 'BLOCKED'] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

export type UnlockFlow = 'SCA' | 'RESET';

/** The Link flow an end user must complete to unlock a credential, if any. */
export function unlockFlowFor(status: CredentialStatus): UnlockFlow | null {
  if (status === 'PENDING_SCA') return 'SCA';
  if (status === 'BLOCKED') return 'RESET';
  return null;
}

export const STATUS_LABELS: Record<CredentialStatus, string> = {
  PENDING: 'Pending',
  ACTIVE: 'Active', // Flanks has no name for the normal state
  PENDING_SCA: 'Pending SCA',
  BLOCKED: 'Blocked',
};
