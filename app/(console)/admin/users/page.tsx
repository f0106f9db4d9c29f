import type { Metadata } from 'next';
import { UsersManager } from '@/components/admin/users-manager.tsx';
import { requirePermission } from '@/server/auth/require-permission.ts';
import { listUsers } from '@/server/users/list-users.ts';

export const metadata: Metadata = { title: 'Staff users' };

export default async function UsersPage() {
  const actor = await requirePermission('users.manage');
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Staff users</h1>
      <UsersManager initialUsers={await listUsers(actor)} currentUserId={actor.id} />
    </div>
  );
}
