import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { acceptedTimeStep, newTotpSecret, openSecret, requiredMfaRoles, sealSecret } from './mfa.ts';

const at = new Date('2026-12-01T10:00:00Z');
const codeAt = (secret: string, when: Date) => generate({ secret, epoch: Math.floor(when.getTime() / 1000) });

describe('TOTP second factor', () => {
  it('accepts the current code, and one a step either side of a phone clock that is off', async () => {
    const { secret, uri } = newTotpSecret('ana@credops.test');
    expect(uri).toMatch(/^otpauth:\/\/totp\/CredOps:ana%40credops\.test\?.*secret=/);
    expect(await acceptedTimeStep(secret, await codeAt(secret, at), null, at)).not.toBeNull();
    expect(await acceptedTimeStep(secret, await codeAt(secret, new Date(at.getTime() - 30_000)), null, at)).not.toBeNull();
    expect(await acceptedTimeStep(secret, await codeAt(secret, new Date(at.getTime() - 120_000)), null, at)).toBeNull();
    expect(await acceptedTimeStep(secret, 'abcdef', null, at)).toBeNull();
  });

  it('refuses a code again once it was used (a replayed code)', async () => {
    const { secret } = newTotpSecret('ana@credops.test');
    const code = await codeAt(secret, at);
    const step = await acceptedTimeStep(secret, code, null, at);
    expect(await acceptedTimeStep(secret, code, step, at)).toBeNull();
  });

  it('keeps secrets encrypted at rest, readable only with the key', () => {
    const sealed = sealSecret('JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(openSecret(sealed)).toBe('JBSWY3DPEHPK3PXP');
    const [v, iv, tag, body] = sealed.split(':');
    expect(() => openSecret([v, iv, tag, `${body.slice(0, -2)}AA`].join(':'))).toThrow();
  });

  it('reads the roles that must enrol, ignoring what is not a role', () => {
    expect(requiredMfaRoles('ADMIN')).toEqual(['ADMIN']);
    expect(requiredMfaRoles(' ADMIN, OPERATIONS ,nope')).toEqual(['ADMIN', 'OPERATIONS']);
    expect(requiredMfaRoles('')).toEqual([]);
  });
});
