import 'server-only';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { env } from '@/server/env.ts';

// Secrets CredOps must read back (TOTP secrets, link tokens for reminders, webhook secrets) are
// stored encrypted with AES-256-GCM under a key derived from NEXTAUTH_SECRET, one key per purpose:
// a copy of the database alone does not reveal them. Rotating NEXTAUTH_SECRET makes them unreadable.
const SECRET = env.NEXTAUTH_SECRET ?? 'credops-development-secret-not-for-production';

export interface SealedBox {
  seal(plain: string): string;
  open(stored: string): string;
}

export function sealedBox(purpose: string): SealedBox {
  const key = Buffer.from(hkdfSync('sha256', SECRET, 'credops', purpose, 32));
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join(':');
    },
    open(stored) {
      const [version, iv, tag, sealed] = stored.split(':');
      if (version !== 'v1') throw new Error(`Unknown sealed ${purpose} format`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
