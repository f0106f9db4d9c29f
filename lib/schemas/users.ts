import { z } from 'zod';
import { ROLES, type Role } from '@/lib/domain/roles.ts';

const role = z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` });

export const createUserSchema = z.object({
  email: z.string().trim().toLowerCase().email('must be an email address').max(200),
  name: z.string().trim().min(1, 'is required').max(100),
  role,
});

export const updateUserSchema = z
  .object({ role: role.optional(), active: z.boolean({ message: 'must be true or false' }).optional() })
  .strict()
  .refine((v) => v.role !== undefined || v.active !== undefined, { message: 'send a role, active, or both' });

export type CreateUserInput = z.infer<typeof createUserSchema>;
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: string;
  lastSignInAt: string | null;
  mfaEnabled: boolean;
  /** Holds a one-time password (new, or reset by an Admin) not yet replaced. */
  mustChangePassword: boolean;
}
