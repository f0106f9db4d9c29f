import 'server-only';
import { hkdfSync, randomUUID } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';
import type { JWT, JWTOptions } from 'next-auth/jwt';

// next-auth's own session token format (a JWE, dir + A256GCM, with a key derived from the secret by
// HKDF), except that the key is derived once per secret instead of on every request: the derivation
// was the largest single cost of a signed-in API call (CPU profile, docs/BENCHMARKS.md). Tokens are
// interchangeable with next-auth's default encode/decode.
const keys = new Map<string, Uint8Array>();

function keyFor(secret: string | Buffer, salt: string): Uint8Array {
  const id = `${secret.toString()}\u0000${salt}`;
  let key = keys.get(id);
  if (!key) {
    key = new Uint8Array(hkdfSync('sha256', secret, salt, `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ''}`, 32));
    keys.set(id, key);
  }
  return key;
}

export const sessionTokens: Pick<JWTOptions, 'encode' | 'decode'> = {
  async encode({ token = {}, secret, maxAge = 30 * 24 * 3600, salt = '' }) {
    const now = Math.floor(Date.now() / 1000);
    return new EncryptJWT(token).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).setIssuedAt(now).setExpirationTime(now + maxAge).setJti(randomUUID()).encrypt(keyFor(secret, salt));
  },
  async decode({ token, secret, salt = '' }) {
    if (!token) return null;
    const { payload } = await jwtDecrypt(token, keyFor(secret, salt), { clockTolerance: 15 });
    return payload as JWT;
  },
};
