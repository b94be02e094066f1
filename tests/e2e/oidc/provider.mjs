// A real OpenID Connect provider for the sign-in browser tests (tests/e2e/test_signin_browser.py).
//
// Why: the internal app signs people in with Streamlit's st.login (Authlib). Testing that against a
// mock would skip the protocol; this runs panva's oidc-provider (OpenID Certified) on loopback with
// discovery, the authorization-code flow with PKCE, a signed ID token, JWKS and RP-initiated logout.
// Its built-in development login form accepts any login name with any password: the login name is
// the e-mail address the ID token carries, so a test can be anyone (the app decides the roles).
//
// Usage: node provider.mjs  (configuration from the environment)
//   OIDC_CLIENT_ID, OIDC_CLIENT_SECRET  the app's client credentials (test values)
//   OIDC_REDIRECT_URI                   the app's http://127.0.0.1:<port>/oauth2callback
// Listens on a free loopback port chosen by the OS and prints one line `READY <issuer>` when
// it accepts requests; logs each request to stderr so a failing test can show them.
import http from 'node:http';
import { generateKeyPair, exportJWK } from 'jose';
import Provider from 'oidc-provider';

const need = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`provider.mjs: ${name} is not set`);
    process.exit(2);
  }
  return value;
};
const clientId = need('OIDC_CLIENT_ID');
const clientSecret = need('OIDC_CLIENT_SECRET');
const redirectUri = need('OIDC_REDIRECT_URI');

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const jwk = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'test-signing-key' };

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      post_logout_redirect_uris: [redirectUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  jwks: { keys: [jwk] },
  cookies: { keys: ['test-only-cookie-key-not-a-secret'] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // The claims the app reads (email, name) travel in the ID token, as with the City's provider.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  pkce: { required: () => true },
  ttl: { Session: 3600, Interaction: 600, Grant: 3600, IdToken: 3600, AccessToken: 3600, AuthorizationCode: 60 },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        const local = id.split('@')[0];
        return { sub: id, email: id, email_verified: true, name: `Test ${local}` };
      },
    };
  },
  // A first-party app: grant the requested scopes without a consent screen (as the City's IdP does).
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});
provider.proxy = false;
provider.on('server_error', (ctx, err) => console.error('server_error', err));
provider.on('authorization.error', (ctx, err) => console.error('authorization.error', err.message, err.error_description || ''));
provider.on('grant.error', (ctx, err) => console.error('grant.error', err.message, err.error_description || ''));
provider.on('end_session.error', (ctx, err) => console.error('end_session.error', err.message, err.error_description || ''));

const callback = provider.callback();
server.on('request', (req, res) => {
  res.on('finish', () => console.error(`${req.method} ${req.url} -> ${res.statusCode}`));
  callback(req, res);
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
console.log(`READY ${issuer}`);
