// The list's owner filter, as a URL says it: "me" (whoever is signed in: a link shared between two
// account managers shows each their own), "none" (unassigned), "any" (everyone's, said explicitly),
// or a staff member's id.

export const OWNER_ME = 'me';
export const OWNER_NONE = 'none';
export const OWNER_ANY = 'any';

export type OwnerFilter = { kind: 'anyone' } | { kind: 'unowned' } | { kind: 'user'; id: string };

export function ownerFilterOf(owner: string | undefined, actorId: string): OwnerFilter {
  if (!owner || owner === OWNER_ANY) return { kind: 'anyone' };
  if (owner === OWNER_NONE) return { kind: 'unowned' };
  return { kind: 'user', id: owner === OWNER_ME ? actorId : owner };
}
