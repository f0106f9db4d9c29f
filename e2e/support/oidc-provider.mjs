// A real OpenID Connect provider (the oidc-provider package) for the browser tests' single sign-on:
// any login is accepted at its own login page, and its claims say whether the address is verified.
// `unverified:ops@credops.test` signs in as that address with email_verified=false.
import Provider from 'oidc-provider';

const [port, redirectUri, clientId, clientSecret] = process.argv.slice(2);

function claimsFor(login) {
  const unverified = login.startsWith('unverified:');
  const email = unverified ? login.slice('unverified:'.length) : login;
  return { sub: login, email, email_verified: !unverified, name: email.split('@')[0] };
}

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // next-auth reads the profile from the ID token.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  cookies: { keys: ['credops-e2e-oidc-cookie-key-0123456789'] },
  features: { devInteractions: { enabled: true } },
  findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => claimsFor(id) }),
});
provider.listen(Number(port), '127.0.0.1', () => console.log(`Test OpenID Connect provider on http://127.0.0.1:${port}`));
