import { describe, expect, it } from 'vitest';
import { hashLinkToken, looksLikeLinkToken, newLinkToken } from './link-token.ts';

describe('link tokens', () => {
  it('are URL-safe, 256 bits, and never repeat', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newLinkToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) {
      expect(looksLikeLinkToken(token)).toBe(true);
      expect(encodeURIComponent(token)).toBe(token);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
  });

  it('are stored as a hash the token cannot be read back from, the same for the same token', () => {
    const token = newLinkToken();
    expect(hashLinkToken(token)).toBe(hashLinkToken(token));
    expect(hashLinkToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashLinkToken(token)).not.toContain(token);
    expect(hashLinkToken(newLinkToken())).not.toBe(hashLinkToken(token));
  });

  it('refuses what cannot be one of ours before any lookup', () => {
    for (const bad of ['', 'abc', `${newLinkToken()}x`, '../../etc/passwd', 'a'.repeat(42) + '=']) expect(looksLikeLinkToken(bad)).toBe(false);
  });
});
