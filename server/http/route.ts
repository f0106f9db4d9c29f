import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import type { z } from 'zod';
import { assertCan, type Permission } from '@/lib/domain/permissions.ts';
import { getActor, type SignedInActor } from '@/server/auth/require-actor.ts';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '@/server/db/database-unavailable.ts';
import { clientIp } from '@/server/request/client-ip.ts';
import { AppError, type ErrorCode } from '@/lib/domain/app-error.ts';
import { searchParamsObject } from '@/lib/schemas/search-params-object.ts';

type Params = Record<string, string | string[]>;

interface RouteContext<Query, Body> {
  actor: SignedInActor;
  query: Query;
  body: Body;
  params: Params;
  headers: Headers;
  ip: string | null;
}

const STATUS_OF: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
};

/** The largest JSON body any route takes: a bulk send's filter or a contact is a few hundred bytes. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;
const TOO_LARGE = `The request body is larger than ${MAX_JSON_BODY_BYTES / 1024} kB.`;

function parse<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ field: i.path.join('.') || what, message: i.message }));
  throw new InvalidInput(`Invalid ${what} — ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, issues);
}

class InvalidInput extends AppError {
  constructor(
    message: string,
    readonly issues: { field: string; message: string }[],
  ) {
    super('BAD_REQUEST', message);
  }
}

// Long enough for a failover or a pool to drain, short enough that a retrying client is soon served.
const RETRY_AFTER_SECONDS = 5;

export function errorResponse(error: unknown): Response {
  if (error instanceof InvalidInput) return NextResponse.json({ error: error.message, issues: error.issues }, { status: 400 });
  if (error instanceof AppError) return NextResponse.json({ error: error.message }, { status: STATUS_OF[error.code] });
  if (isDatabaseUnavailable(error)) {
    // Prisma's message opens with a code frame and ends with the driver's reason: log that line.
    const reason = error instanceof Error ? error.message.trim().split('\n').at(-1) : String(error);
    console.error('The database did not answer a route handler:', reason);
    return NextResponse.json({ error: DATABASE_UNAVAILABLE_MESSAGE }, { status: 503, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } });
  }
  console.error('Unexpected error in a route handler', error);
  return NextResponse.json({ error: 'Something went wrong on our side. It has been logged.' }, { status: 500 });
}

/**
 * Mutations come from our own pages only (CSRF): browsers send Origin on every non-GET request, and
 * its host must be the host this request was addressed to.
 */
function assertSameOrigin(request: NextRequest): void {
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  let crossSite = request.headers.get('sec-fetch-site') === 'cross-site';
  if (origin) {
    try {
      crossSite = new URL(origin).host !== host;
    } catch {
      crossSite = true;
    }
  }
  if (crossSite) throw new AppError('FORBIDDEN', 'Cross-site requests are not accepted.');
}

async function readJsonBody(request: NextRequest): Promise<unknown> {
  if (!request.headers.get('content-type')?.startsWith('application/json')) {
    throw new AppError('BAD_REQUEST', 'Send the request body as JSON (Content-Type: application/json).');
  }
  if (Number(request.headers.get('content-length') ?? 0) > MAX_JSON_BODY_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', TOO_LARGE);
  // Read up to the limit and no further: a body without Content-Length (chunked) is cut off too.
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  for (;;) {
    const { done, value } = reader ? await reader.read() : { done: true as const, value: undefined };
    if (done || !value) break;
    size += value.byteLength;
    if (size > MAX_JSON_BODY_BYTES) {
      await reader!.cancel();
      throw new AppError('PAYLOAD_TOO_LARGE', TOO_LARGE);
    }
    chunks.push(value);
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
  } catch {
    throw new AppError('BAD_REQUEST', 'The request body is not valid JSON.');
  }
}

/** Every answer of a route carries staff or client data, or says who may see it: never kept by a cache. */
function uncached(response: Response): Response {
  if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'no-store');
  return response;
}

/**
 * The one wrapper of every authenticated route handler: authenticate (401), check the permission
 * (403), guard and parse the input with the shared zod schemas (400 naming the field), map AppError
 * codes to statuses, and never leak a stack trace.
 */
export function route<Query extends z.ZodType = z.ZodUnknown, Body extends z.ZodType = z.ZodUnknown>(
  options: { permission: Permission; query?: Query; body?: Body; duringAccountSetup?: boolean },
  handler: (context: RouteContext<z.infer<Query>, z.infer<Body>>) => Promise<unknown>,
) {
  return async (request: NextRequest, context: { params: Promise<Params> }): Promise<Response> => {
    try {
      const actor = await getActor();
      if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to use CredOps.');
      if (actor.mustChangePassword && !options.duringAccountSetup) throw new AppError('FORBIDDEN', 'Choose a new password first: you signed in with one someone else was shown.');
      if (actor.mustEnrolMfa && !options.duringAccountSetup) throw new AppError('FORBIDDEN', 'Set up two-factor authentication first (your account page): your role requires it.');
      assertCan(actor, options.permission);
      if (request.method !== 'GET' && request.method !== 'HEAD') assertSameOrigin(request);
      const query = options.query ? parse(options.query, searchParamsObject(request.nextUrl.searchParams), 'query parameter') : undefined;
      const body = options.body ? parse(options.body, await readJsonBody(request), 'request body') : undefined;
      const result = await handler({
        actor,
        query: query as z.infer<Query>,
        body: body as z.infer<Body>,
        params: await context.params,
        headers: request.headers,
        ip: clientIp(request.headers),
      });
      return uncached(result instanceof Response ? result : NextResponse.json(result, { status: request.method === 'POST' ? 201 : 200 }));
    } catch (error) {
      return uncached(errorResponse(error));
    }
  };
}
