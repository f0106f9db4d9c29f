'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { useToastedMutation } from '@/components/ui/use-toasted-mutation.ts';
import { fetchJson } from '@/lib/api-client.ts';
import type { NotificationSettings } from '@/lib/domain/notification-settings.ts';

const parseDays = (value: string) => value.split(',').map((d) => d.trim()).filter(Boolean).map(Number);

/** When unopened links are reminded, when end users must not be emailed, and when a stalled sync alerts Operations. */
export function NotificationSettingsForm({ initial, linkExpiryDays }: { initial: NotificationSettings; linkExpiryDays: number }) {
  const router = useRouter();
  const [days, setDays] = useState(initial.reminderDays.join(', '));
  const save = useToastedMutation({
    mutationFn: (settings: NotificationSettings) =>
      fetchJson<NotificationSettings>('/api/admin/notifications', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(settings) }),
    messages: {
      pending: 'Saving the follow-up settings…',
      success: (s) => (s.reminderDays.length ? `Reminders on day ${s.reminderDays.join(' and ')}; quiet ${s.quietHours.start}–${s.quietHours.end}.` : 'Reminders are off.'),
    },
    onSuccess: () => router.refresh(),
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    save.mutate({
      reminderDays: parseDays(days),
      quietHours: { start: String(form.get('quietStart')), end: String(form.get('quietEnd')) },
      syncAlertMinutes: Number(form.get('syncAlertMinutes')),
      blockedPerHourAlert: Number(form.get('blockedPerHourAlert')),
    });
  };
  return (
    <form onSubmit={onSubmit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="follow-ups-title">
      <div>
        <h2 id="follow-ups-title" className="font-semibold">Reminders and alerts</h2>
        <p className="text-sm text-slate-600">
          A link sent but not opened is reminded on these days after sending (links expire after {linkExpiryDays} days), never during the contact’s quiet hours on their own clock, and never twice in a day.
        </p>
      </div>
      <div className="flex flex-wrap gap-6 text-sm">
        <label>
          Reminder days (comma-separated, empty for none)
          <input name="reminderDays" value={days} onChange={(e) => setDays(e.target.value)} inputMode="numeric" pattern="[0-9, ]*" className="mt-1 block w-40 rounded-md border border-slate-300 bg-white px-2 py-1" />
        </label>
        <label>
          Quiet hours from
          <input name="quietStart" type="time" required defaultValue={initial.quietHours.start} className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1" />
        </label>
        <label>
          to
          <input name="quietEnd" type="time" required defaultValue={initial.quietHours.end} className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1" />
        </label>
        <label>
          Alert when no sync for, minutes
          <input name="syncAlertMinutes" type="number" required min={5} max={10080} defaultValue={initial.syncAlertMinutes} className="mt-1 block w-28 rounded-md border border-slate-300 bg-white px-2 py-1" />
        </label>
        <label>
          Alert when Blocked in an hour exceeds
          <input name="blockedPerHourAlert" type="number" required min={1} defaultValue={initial.blockedPerHourAlert} className="mt-1 block w-28 rounded-md border border-slate-300 bg-white px-2 py-1" />
        </label>
      </div>
      {save.error && <p role="alert" className="text-sm text-red-700">{save.error.message}</p>}
      <Button type="submit" disabled={save.isPending}>{save.isPending ? 'Saving…' : 'Save reminders and alerts'}</Button>
    </form>
  );
}
