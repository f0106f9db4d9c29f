import { notificationSettingsSchema } from '@/lib/schemas/settings.ts';
import { route } from '@/server/http/route.ts';
import { getNotificationSettings } from '@/server/settings/get-notification-settings.ts';
import { setNotificationSettings } from '@/server/settings/set-notification-settings.ts';

export const GET = route({ permission: 'settings.manage' }, () => getNotificationSettings());

export const PUT = route({ permission: 'settings.manage', body: notificationSettingsSchema }, ({ actor, body, ip }) => setNotificationSettings(actor, body, { ip }));
