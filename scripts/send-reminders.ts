// Sends the link reminders due now, or at --at <ISO time> (a clock moved forward, for demos and tests).
// The worker runs the same every minute; this is for a deployment without one, or to see it happen.
import { parseArgs } from 'node:util';
import { db } from '@/server/db/client.ts';
import { deliverOutbox } from '@/server/email/deliver-outbox.ts';
import { sendDueReminders } from '@/server/reminders/send-due-reminders.ts';

const { values } = parseArgs({ options: { at: { type: 'string' } } });
const now = values.at ? new Date(values.at) : new Date();
if (Number.isNaN(now.getTime())) throw new Error(`--at must be an ISO time, not ${values.at}`);
const summary = await sendDueReminders(db, { now });
// Handed over here too: a deployment without a worker has no delivery job to do it.
const delivery = await deliverOutbox(db, { now, sliceMs: 60_000 });
console.log(`Reminders at ${now.toISOString()}: ${summary.sent} links reminded in ${summary.emails} emails (${delivery.sent} delivered), ${summary.deferred} waiting (quiet hours or the one-email-a-day rule), ${summary.stopped} stopped.`);
await db.$disconnect();
