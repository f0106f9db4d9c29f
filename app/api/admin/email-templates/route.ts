import { route } from '@/server/http/route.ts';
import { listEmailTemplates } from '@/server/email-templates/email-templates.ts';

export const GET = route({ permission: 'settings.manage' }, ({ actor }) => listEmailTemplates(actor));
