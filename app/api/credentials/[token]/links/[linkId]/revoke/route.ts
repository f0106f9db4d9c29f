import { route } from '@/server/http/route.ts';
import { revokeLink } from '@/server/links/revoke-link.ts';

export const POST = route({ permission: 'links.send' }, ({ actor, params, ip }) => revokeLink(actor, String(params.token), String(params.linkId), { ip }));
