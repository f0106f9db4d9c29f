import 'server-only';
import type { Actor } from '@/lib/domain/permissions.ts';
import type { Role } from '@/lib/domain/roles.ts';

export const actorWithRole = (role: Role): Actor => ({ id: `test-${role}`, email: `${role.toLowerCase()}@credops.test`, name: role, role });
