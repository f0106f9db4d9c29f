import 'server-only';
import { sealedBox } from '@/server/crypto/sealed-box.ts';

// A webhook's secret is needed in clear to sign each delivery, so it is kept encrypted, never hashed.
const webhookSecrets = sealedBox('CredOps webhook secret');
export const sealWebhookSecret = (secret: string): string => webhookSecrets.seal(secret);
export const openWebhookSecret = (sealed: string): string => webhookSecrets.open(sealed);
