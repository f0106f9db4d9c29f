import { recoveryTargetsSchema } from '@/lib/schemas/settings.ts';
import { route } from '@/server/http/route.ts';
import { getRecoveryTargets } from '@/server/settings/get-recovery-targets.ts';
import { setRecoveryTargets } from '@/server/settings/set-recovery-targets.ts';

// Everyone reads the targets their lists are measured against; only an Admin sets them.
export const GET = route({ permission: 'credentials.read' }, () => getRecoveryTargets());

export const PUT = route({ permission: 'settings.manage', body: recoveryTargetsSchema }, ({ actor, body, ip }) => setRecoveryTargets(actor, body, { ip }));
