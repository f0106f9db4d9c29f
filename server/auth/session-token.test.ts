import { decode, encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { sessionTokens } from './session-token.ts';

const secret = 'a-test-secret-of-some-length-0123456789';

describe('session tokens', () => {
  it("are next-auth's own format: each side reads what the other wrote, so no session is lost", async () => {
    const ours = await sessionTokens.encode({ token: { sub: 'user-1', name: 'Ada' }, secret, maxAge: 3600 });
    expect(await decode({ token: ours, secret })).toMatchObject({ sub: 'user-1', name: 'Ada' });
    const theirs = await encode({ token: { sub: 'user-2' }, secret, maxAge: 3600 });
    expect(await sessionTokens.decode({ token: theirs, secret })).toMatchObject({ sub: 'user-2' });
  });

  it('refuse a token made with another secret, and an expired one', async () => {
    const other = await encode({ token: { sub: 'x' }, secret: 'another-secret-entirely-0123456789', maxAge: 3600 });
    await expect(sessionTokens.decode({ token: other, secret })).rejects.toThrow();
    const expired = await sessionTokens.encode({ token: { sub: 'x' }, secret, maxAge: -60 });
    await expect(sessionTokens.decode({ token: expired, secret })).rejects.toThrow();
    expect(await sessionTokens.decode({ token: undefined, secret })).toBeNull();
  });
});
