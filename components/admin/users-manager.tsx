'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { useToastedMutation } from '@/components/ui/use-toasted-mutation.ts';
import { fetchJson } from '@/lib/api-client.ts';
import { Time } from '@/components/ui/time.tsx';
import { useHydrated } from '@/components/ui/use-hydrated.ts';
import { isRole, ROLE_LABELS, ROLES, type Role } from '@/lib/domain/roles.ts';
import { userKeys, userQueries } from '@/lib/queries/users.ts';
import type { StaffUser } from '@/lib/schemas/users.ts';
import { UserAccessActions } from './user-access-actions.tsx';

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

export function UsersManager({ initialUsers, currentUserId }: { initialUsers: StaffUser[]; currentUserId: string }) {
  const queryClient = useQueryClient();
  const users = useQuery(userQueries.list(initialUsers));
  const [created, setCreated] = useState<{ email: string; oneTimePassword: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: userKeys.all });

  const create = useMutation({
    mutationFn: (input: { email: string; name: string; role: string }) => fetchJson<{ email: string; oneTimePassword: string }>('/api/admin/users', json('POST', input)),
    onSuccess: (result) => { setCreated(result); setMessage(null); void refresh(); },
    onError: (error) => setMessage(error.message),
  });
  const update = useToastedMutation({
    mutationFn: ({ id, role, active }: UserChange) => fetchJson(`/api/admin/users/${id}`, json('PATCH', { role, active })),
    messages: {
      pending: (change) => `Updating ${change.email}…`,
      success: (_, change) => describeChange(change),
      undo: (_, change) => update.mutate(undoOf(change)),
    },
    onSuccess: () => { setMessage(null); void refresh(); },
  });

  const onCreate = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({ email: String(form.get('email')), name: String(form.get('name')), role: String(form.get('role')) });
  };

  return (
    <div className="space-y-6">
      <form onSubmit={onCreate} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label="Add a staff user">
        <label className="text-sm">Name<input name="name" required className="mt-1 block rounded-md border border-slate-300 px-2 py-1" /></label>
        <label className="text-sm">Email<input name="email" type="email" required className="mt-1 block rounded-md border border-slate-300 px-2 py-1" /></label>
        <label className="text-sm">Role
          <select name="role" defaultValue="ANALYST" className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1">
            {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
          </select>
        </label>
        <Button type="submit" disabled={create.isPending}>Add user</Button>
      </form>
      {created && (
        <div className="rounded-lg border border-green-300 bg-green-50 p-4 text-sm" data-testid="one-time-password">
          Account created for <strong>{created.email}</strong>. One-time password (shown once, give it to them privately):{' '}
          <code className="rounded bg-white px-1 font-mono">{created.oneTimePassword}</code>
        </div>
      )}
      <p aria-live="polite" className="min-h-5 text-sm text-red-700" data-testid="users-error">{message}</p>
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" role="region" aria-label="Staff users" tabIndex={0}>
      <table className="min-w-full text-sm">
        <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600">
          <tr><th scope="col" className="px-3 py-2">Name</th><th scope="col" className="px-3 py-2">Email</th><th scope="col" className="px-3 py-2">Role</th><th scope="col" className="px-3 py-2">Last sign-in</th><th scope="col" className="px-3 py-2">State</th><th scope="col" className="px-3 py-2">Access</th></tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {users.data.map((u) => (
            <tr key={u.id} data-testid="user-row">
              <td className="px-3 py-2">{u.name}{u.id === currentUserId && <span className="text-slate-500"> (you)</span>}</td>
              <td className="px-3 py-2">{u.email}</td>
              <td className="px-3 py-2">
                <RolePicker key={u.role} user={u} pending={update.isPending} onSave={(role) => update.mutate({ id: u.id, email: u.email, role, previous: { role: u.role } })} />
              </td>
              <td className="px-3 py-2">{u.lastSignInAt ? <Time iso={u.lastSignInAt} /> : 'Never'}</td>
              <td className="px-3 py-2">
                {u.active ? <Badge tone="green">Active</Badge> : <Badge tone="gray">Deactivated</Badge>}{' '}
                {u.mfaEnabled && <Badge tone="gray">2FA</Badge>}{' '}
                {u.mustChangePassword && <Badge tone="amber">One-time password</Badge>}{' '}
                {u.active ? (
                  <ConfirmDialog
                    trigger={<Button variant="secondary" size="xs" className="ml-2">Deactivate…<span className="sr-only"> {u.email}</span></Button>}
                    title={`Deactivate ${u.email}?`}
                    description="They are signed out at once and cannot sign in until an Admin reactivates the account. Their credentials, links and audit history stay."
                    confirmLabel="Deactivate"
                    destructive
                    onConfirm={() => update.mutate({ id: u.id, email: u.email, active: false, previous: { role: u.role } })}
                  />
                ) : (
                  <Button variant="secondary" size="xs" className="ml-2" disabled={update.isPending} onClick={() => update.mutate({ id: u.id, email: u.email, active: true, previous: { role: u.role } })}>
                    Reactivate<span className="sr-only"> {u.email}</span>
                  </Button>
                )}
              </td>
              <td className="px-3 py-2">{u.id !== currentUserId && <UserAccessActions user={u} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </div>
  );
}

interface UserChange {
  id: string;
  email: string;
  role?: Role;
  active?: boolean;
  /** What Undo puts back. */
  previous: { role: Role };
}

function undoOf(change: UserChange): UserChange {
  if (change.active !== undefined) return { ...change, active: !change.active };
  return { ...change, role: change.previous.role, previous: { role: change.role! } };
}

function describeChange(change: UserChange): string {
  if (change.active === false) return `${change.email} was deactivated and signed out.`;
  if (change.active === true) return `${change.email} was reactivated.`;
  return `${change.email} is now ${ROLE_LABELS[change.role!]}; their sessions were ended.`;
}

/**
 * A role is chosen, then saved after a question: a native select changes its value on an arrow key,
 * so choosing never commits by itself.
 */
function RolePicker({ user, pending, onSave }: { user: StaffUser; pending: boolean; onSave: (role: Role) => void }) {
  const [role, setRole] = useState<Role>(user.role);
  const hydrated = useHydrated();
  const changed = role !== user.role;
  return (
    <span className="inline-flex items-center gap-2">
      <select aria-label={`Role of ${user.email}`} value={role} disabled={!hydrated} onChange={(e) => isRole(e.target.value) && setRole(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1">
        {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
      </select>
      {changed && (
        <>
          <ConfirmDialog
            trigger={<Button size="xs" disabled={pending}>Save role<span className="sr-only"> of {user.email}</span></Button>}
            title={`Make ${user.email} ${ROLE_LABELS[role]}?`}
            description={`From ${ROLE_LABELS[user.role]} to ${ROLE_LABELS[role]}: what they may see and do changes, and every session of theirs ends now.`}
            confirmLabel={`Make ${ROLE_LABELS[role]}`}
            onConfirm={() => onSave(role)}
          />
          <Button variant="ghost" size="xs" onClick={() => setRole(user.role)}>Cancel</Button>
        </>
      )}
    </span>
  );
}
