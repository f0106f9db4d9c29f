import { emailTemplateSchema } from '@/lib/schemas/email-templates.ts';
import { route } from '@/server/http/route.ts';
import { resetEmailTemplate, setEmailTemplate, templateSlot } from '@/server/email-templates/email-templates.ts';

export const PUT = route({ permission: 'settings.manage', body: emailTemplateSchema }, ({ actor, params, body, ip }) => {
  const { flow, language } = templateSlot(params);
  return setEmailTemplate(actor, flow, language, body, { ip });
});

export const DELETE = route({ permission: 'settings.manage' }, ({ actor, params, ip }) => {
  const { flow, language } = templateSlot(params);
  return resetEmailTemplate(actor, flow, language, { ip });
});
