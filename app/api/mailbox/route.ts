import { listMailbox } from '@/server/email/list-mailbox.ts';
import { route } from '@/server/http/route.ts';

export const GET = route({ permission: 'mailbox.read' }, ({ actor }) => listMailbox(actor));
