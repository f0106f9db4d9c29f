import { NextResponse, type NextRequest } from 'next/server';
import { flanksLinkOrigin, isDevelopment } from '@/server/env.ts';

// Security headers that need a fresh value per request: a CSP whose script nonce Next applies to
// its own scripts. Authorisation never happens here; pages and route handlers do it themselves.
// "Continue" on a link page posts a form whose answer redirects to the Flanks Link: browsers apply
// form-action to that redirect, so the real Flanks Link's origin must be allowed (not the simulator's: it is ours).
const linkOrigin = flanksLinkOrigin();

export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const development = isDevelopment();
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'", // React and Recharts set inline styles
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${linkOrigin ? ` ${linkOrigin}` : ''}`,
    "frame-ancestors 'none'",
  ].join('; ');
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', csp);
  if (!development) response.headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
  return response;
}

// Pages only: API answers are JSON with a fixed policy from next.config, so the proxy's cost per
// call is saved there (docs/BENCHMARKS.md, per-request overhead).
export const config = {
  matcher: [{ source: '/((?!api/|_next/static|_next/image|favicon.ico).*)' }],
};
