import { digestPreferencesSchema } from '@/lib/schemas/account.ts';
import { setDigestPreferences } from '@/server/account/set-digest-preferences.ts';
import { route } from '@/server/http/route.ts';

export const PATCH = route({ permission: 'account.manage', body: digestPreferencesSchema }, ({ actor, body, ip }) => setDigestPreferences(actor, body, { ip }));
