/** Staff roles, least to most trusted (PRODUCT.md §2). */
export const ROLES = ['ANALYST', 'ACCOUNT_MANAGER', 'OPERATIONS', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  ANALYST: 'Analyst',
  ACCOUNT_MANAGER: 'Account manager',
  OPERATIONS: 'Operations',
  ADMIN: 'Admin',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** This role and every more trusted one. */
export function rolesFrom(least: Role): Role[] {
  return ROLES.slice(ROLES.indexOf(least));
}
