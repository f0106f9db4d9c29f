import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/domain/app-error.ts';
import { assertCan, can, PERMISSIONS, type Permission } from './permissions.ts';
import { ROLES, type Role } from './roles.ts';

// PRODUCT.md §2, written out role by role: each role has all the rights of the one before it.
const EXPECTED: Record<Role, Permission[]> = {
  ANALYST: ['account.manage', 'credentials.read', 'credentials.export', 'analytics.read', 'views.save'],
  ACCOUNT_MANAGER: ['account.manage', 'credentials.read', 'credentials.export', 'analytics.read', 'views.save', 'contacts.readUnmasked', 'credentials.edit', 'links.send'],
  OPERATIONS: ['account.manage', 'credentials.read', 'credentials.export', 'analytics.read', 'views.save', 'credentials.assign', 'contacts.readUnmasked', 'credentials.edit', 'links.send', 'links.bulkSend', 'incidents.acknowledge'],
  ADMIN: Object.keys(PERMISSIONS) as Permission[],
};

describe('the permission table', () => {
  it.each(ROLES)('gives %s exactly the rights of PRODUCT.md §2', (role) => {
    const granted = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can({ role }, p));
    expect(granted.sort()).toEqual([...EXPECTED[role]].sort());
  });

  it('refuses with a FORBIDDEN AppError that says what was refused', () => {
    expect(() => assertCan({ role: 'ANALYST' }, 'links.send')).toThrow(AppError);
    try {
      assertCan({ role: 'ANALYST' }, 'audit.read');
    } catch (error) {
      expect(error).toMatchObject({ code: 'FORBIDDEN' });
      expect((error as Error).message).toContain('audit log');
    }
  });
});
