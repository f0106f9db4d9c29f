import 'server-only';
import type { Actor } from '@/server/auth/permissions.ts';
import type { Role } from '@/server/auth/roles.ts';

export const actorWithRole = (role: Role): Actor => ({ id: `test-${role}`, email: `${role.toLowerCase()}@credops.test`, name: role, role });
