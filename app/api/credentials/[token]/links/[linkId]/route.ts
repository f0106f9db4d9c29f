import { linkRemindersSchema } from '@/lib/schemas/links.ts';
import { route } from '@/server/http/route.ts';
import { setLinkReminders } from '@/server/links/set-link-reminders.ts';

export const PATCH = route({ permission: 'links.send', body: linkRemindersSchema }, ({ actor, params, body, ip }) =>
  setLinkReminders(actor, String(params.token), String(params.linkId), body, { ip }),
);
