import { AppError } from './app-error.ts';
import { rolesFrom, type Role } from './roles.ts';

// PRODUCT.md §2 as data: the one place that says who may do what. Pages, route handlers, use cases
// and the UI all ask `can`; hiding a button is never the protection.
const ANALYST_UP = rolesFrom('ANALYST');
const MANAGER_UP = rolesFrom('ACCOUNT_MANAGER');
const OPERATIONS_UP = rolesFrom('OPERATIONS');
const ADMIN = rolesFrom('ADMIN');

export const PERMISSIONS = {
  'account.manage': { description: 'Change your own password and end your own sessions', roles: ANALYST_UP },
  'credentials.read': { description: 'Browse credentials and their history', roles: ANALYST_UP },
  'credentials.export': { description: 'Export credentials as CSV', roles: ANALYST_UP },
  'views.save': { description: 'Save list views, personal or shared, and change your own', roles: ANALYST_UP },
  'views.manageShared': { description: "Rename, unshare or delete anyone's shared view", roles: ADMIN },
  'contacts.readUnmasked': { description: 'See contact emails in full', roles: MANAGER_UP },
  'credentials.edit': { description: 'Edit contacts, notes and owner', roles: MANAGER_UP },
  'credentials.assign': { description: 'Assign many credentials to an owner at once', roles: OPERATIONS_UP },
  'links.send': { description: 'Send, resend and revoke SCA and Reset links', roles: MANAGER_UP },
  'links.overrideEmailLimit': { description: 'Email an end user again within 24 hours', roles: ADMIN },
  'links.bulkSend': { description: 'Send links to many credentials at once', roles: OPERATIONS_UP },
  'incidents.acknowledge': { description: 'Acknowledge institution incidents', roles: OPERATIONS_UP },
  'analytics.read': { description: 'Read refresh analytics', roles: ANALYST_UP },
  'users.manage': { description: 'Manage staff users and roles', roles: ADMIN },
  'audit.read': { description: 'Read the audit log', roles: ADMIN },
  'mailbox.read': { description: 'Read the built-in mailbox (embedded default)', roles: ADMIN },
  'settings.manage': { description: 'Set the recovery targets, reminder cadence, quiet hours and webhooks', roles: ADMIN },
} as const satisfies Record<string, { description: string; roles: Role[] }>;

export type Permission = keyof typeof PERMISSIONS;

export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export function can(actor: Pick<Actor, 'role'>, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly Role[]).includes(actor.role);
}

export function assertCan(actor: Pick<Actor, 'role'>, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError('FORBIDDEN', `Your role may not: ${PERMISSIONS[permission].description.toLowerCase()}`);
}

/** The roles a permission is given to. */
export function rolesWith(permission: Permission): readonly Role[] {
  return PERMISSIONS[permission].roles;
}
