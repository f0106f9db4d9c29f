import 'server-only';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { FlanksError } from '../flanks-client.ts';
import type { SimulatedFlanks } from '../simulator/simulated-flanks.ts';

export interface SandboxOptions {
  sim: SimulatedFlanks;
  clientId: string;
  clientSecret: string;
  tokenLifetimeSeconds?: number;
  /** Called after a request changed the simulator (PUT force), e.g. to persist it. */
  onChange?: () => Promise<void>;
  /** Fault injection for contract tests; never set by `npm run flanks-sandbox`. */
  faults?: SandboxFaults;
}

export interface SandboxFaults {
  /** Answer the next N API requests with 500. */
  failNext?: number;
  /** Hold the next N API requests this long before answering. */
  delayNext?: { count: number; ms: number };
  /** Once, after this many authorised requests, forget every issued token (as if it expired). */
  expireTokensAfterRequests?: number;
  /** Reject every bearer token, even fresh ones. */
  rejectAllTokens?: boolean;
  /** Drop these fields from the status object of these credentials. */
  malformStatus?: { token: string; dropFields: string[] };
}

export interface SandboxStats {
  tokensMinted: number;
  requests: number;
  listPagesServed: number[];
}

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown> | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    return body && typeof body === 'object' && !Array.isArray(body) ? body : null;
  } catch {
    return null;
  }
}

/**
 * The simulated Flanks behind Flanks' own v0 HTTP paths, shapes and error bodies, so the real HTTP
 * client — or any Flanks client — can be pointed at it on loopback.
 */
export function createSandboxServer(options: SandboxOptions): { server: http.Server; stats: SandboxStats } {
  const stats: SandboxStats = { tokensMinted: 0, requests: 0, listPagesServed: [] };
  const tokens = new Map<string, number>(); // token → expiry (ms)
  let authorisedSinceMint = 0;
  const faults = options.faults ?? {};

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const route = `${req.method} ${url.pathname}`;
    try {
      if (route === 'POST /v0/token') {
        const body = await readJson(req);
        if (body?.client_id !== options.clientId || body?.client_secret !== options.clientSecret || body?.grant_type !== 'client_credentials') {
          return json(res, 403, { error: 'access_denied' });
        }
        const token = randomBytes(24).toString('hex');
        const lifetime = options.tokenLifetimeSeconds ?? 3600;
        tokens.set(token, Date.now() + lifetime * 1000);
        stats.tokensMinted++;
        authorisedSinceMint = 0;
        return json(res, 200, { access_token: token, expires_in: lifetime, token_type: 'Bearer', scope: 'credentials' });
      }

      stats.requests++;
      const bearer = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
      const expiry = bearer ? tokens.get(bearer) : undefined;
      if (faults.rejectAllTokens || !expiry || expiry < Date.now()) return json(res, 401, { error: 'Invalid credentials' });
      if (faults.expireTokensAfterRequests !== undefined && ++authorisedSinceMint > faults.expireTokensAfterRequests) {
        faults.expireTokensAfterRequests = undefined;
        tokens.clear();
        return json(res, 401, { error: 'Invalid credentials' });
      }
      if (faults.delayNext && faults.delayNext.count > 0) {
        faults.delayNext.count--;
        await new Promise((r) => setTimeout(r, faults.delayNext!.ms));
      }
      if (faults.failNext && faults.failNext > 0) {
        faults.failNext--;
        return json(res, 500, { error: 'Internal Error' });
      }

      if (route === 'GET /v0/bank/available') return json(res, 200, await options.sim.listEntities());
      const body = await readJson(req);
      if (!body) return json(res, 400, { error: 'Invalid body' });
      if (route === 'POST /v0/bank/credentials/list') {
        const page = body.page ?? 1;
        if (!Number.isInteger(page) || (page as number) < 1) return json(res, 400, { error: 'Invalid page' });
        stats.listPagesServed.push(page as number);
        return json(res, 200, await options.sim.listCredentials(page as number));
      }
      if (url.pathname === '/v0/bank/credentials/status' && (req.method === 'POST' || req.method === 'PUT')) {
        const token = body.credentials_token;
        if (typeof token !== 'string' || !token) return json(res, 400, { error: 'Missing fields: credentials_token' });
        if (req.method === 'PUT') {
          if (body.force !== 'sca' && body.force !== 'reset') return json(res, 400, { error: 'Invalid force' });
          const status = await options.sim.force(token, body.force);
          await options.onChange?.();
          return json(res, 200, status);
        }
        const status: Record<string, unknown> = { ...(await options.sim.getStatus(token)) };
        if (faults.malformStatus?.token === token) for (const field of faults.malformStatus.dropFields) delete status[field];
        return json(res, 200, status);
      }
      return json(res, req.method === 'GET' || req.method === 'POST' || req.method === 'PUT' ? 404 : 405, { error: req.method === 'GET' || req.method === 'POST' || req.method === 'PUT' ? 'Not found' : 'Method not allowed' });
    } catch (error) {
      if (req.socket.destroyed) return; // the client gave up (a timeout): nobody to answer
      if (error instanceof FlanksError && error.code === 'NOT_FOUND') return json(res, 404, { error: error.message });
      console.error('Sandbox error', error);
      return json(res, 500, { error: 'Internal Error' });
    }
  });
  return { server, stats };
}
