import { NextResponse, type NextRequest } from 'next/server';
import { flanksLinkOrigin, isDevelopment } from '@/server/env.ts';
import { repairPathEncoding } from '@/server/http/repair-path-encoding.ts';

// Security headers that need a fresh value per request: a CSP whose script nonce Next applies to
// its own scripts. Authorisation never happens here; pages and route handlers do it themselves.
// "Continue" on a link page posts a form whose answer redirects to the Flanks Link: browsers apply
// form-action to that redirect, so the real Flanks Link's origin must be allowed (not the simulator's: it is ours).
const linkOrigin = flanksLinkOrigin();

const BAD_PATH = 'The address is not valid: each part of its path must be UTF-8 text without control characters.';

/** The request's URL with another path, its query kept. */
function at(request: NextRequest, pathname: string): URL {
  const url = request.nextUrl.clone();
  url.pathname = pathname;
  return url;
}

export function proxy(request: NextRequest) {
  // A path Next cannot decode, or that decodes to a NUL, was a bare 500 (server/http/repair-path-encoding.ts).
  // A page is rendered at the repaired path instead, which names no credential or link: its not-found answer.
  const { pathname } = request.nextUrl;
  const repaired = pathname.includes('%') ? repairPathEncoding(pathname) : null;
  if (pathname.startsWith('/api/')) return repaired === null ? NextResponse.next() : NextResponse.json({ error: BAD_PATH }, { status: 400 });
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
  // The root layout sets <html lang> from it: a link page is in its link's language (set here, never taken from the client).
  headers.set('x-credops-path', repaired ?? pathname);
  headers.set('Content-Security-Policy', csp);
  const response = repaired === null ? NextResponse.next({ request: { headers } }) : NextResponse.rewrite(at(request, repaired), { request: { headers } });
  response.headers.set('Content-Security-Policy', csp);
  if (!development) response.headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
  return response;
}

// Pages, and of the API only paths with a %-escape, which may not decode: API answers are JSON with a
// fixed policy from next.config, so the proxy's cost per call is saved there (docs/BENCHMARKS.md,
// per-request overhead).
export const config = {
  matcher: [{ source: '/((?!api/|_next/static|_next/image|favicon.ico).*)' }, { source: '/api/:path(.*%.*)' }],
};
