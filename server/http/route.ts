import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import type { z } from 'zod';
import { assertCan, type Actor, type Permission } from '@/server/auth/permissions.ts';
import { getActor } from '@/server/auth/require-actor.ts';
import { AppError } from './errors.ts';

type Params = Record<string, string | string[]>;

interface RouteContext<Query> {
  actor: Actor;
  query: Query;
  request: NextRequest;
  params: Params;
}

/** Repeated keys become arrays, so `?status=A&status=B` and `?status=A,B` both reach the schema. */
function searchParamsObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) return NextResponse.json({ error: error.message }, { status: error.status });
  console.error('Unexpected error in a route handler', error);
  return NextResponse.json({ error: 'Something went wrong on our side. It has been logged.' }, { status: 500 });
}

/**
 * The one wrapper of every authenticated route handler: authenticate (401), check the permission
 * (403), parse the query with the shared zod schema (400 naming the parameter), map AppError codes,
 * and never leak a stack trace.
 */
export function route<Schema extends z.ZodType = z.ZodUnknown>(
  options: { permission: Permission; query?: Schema },
  handler: (context: RouteContext<z.infer<Schema>>) => Promise<unknown>,
) {
  return async (request: NextRequest, context: { params: Promise<Params> }): Promise<Response> => {
    try {
      const actor = await getActor();
      if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to use CredOps.');
      assertCan(actor, options.permission);
      let query: unknown = undefined;
      if (options.query) {
        const parsed = options.query.safeParse(searchParamsObject(request.nextUrl.searchParams));
        if (!parsed.success) {
          const issues = parsed.error.issues.map((i) => ({ parameter: i.path.join('.'), message: i.message }));
          const message = issues.map((i) => `${i.parameter}: ${i.message}`).join('; ');
          return NextResponse.json({ error: `Invalid query parameter — ${message}`, issues }, { status: 400 });
        }
        query = parsed.data;
      }
      const result = await handler({ actor, query: query as z.infer<Schema>, request, params: await context.params });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
