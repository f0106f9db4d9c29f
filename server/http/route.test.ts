import { afterAll, describe, expect, it, vi } from 'vitest';
import { createDb } from '@/server/db/client.ts';
import { errorResponse } from './route.ts';

// A database that stopped answering used to reach the caller as a 500 carrying nothing useful, or,
// in /api/health, as Prisma's own text (host, SQLSTATE, constraint names).

describe('a route handler whose database does not answer', () => {
  const unreachable = createDb('postgresql://postgres@127.0.0.1:1/credops', { acquireTimeoutMs: 1_000 });
  afterAll(() => unreachable.$disconnect());

  it('answers 503 with a fixed message and Retry-After, and logs the reason', async () => {
    const error = await unreachable.credential.findMany().catch((e: unknown) => e);
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = errorResponse(error);
    expect(response.status).toBe(503);
    expect(response.headers.get('Retry-After')).toBe('5');
    expect(await response.json()).toEqual({ error: 'The database is not answering right now; try again in a moment.' });
    expect(log).toHaveBeenCalledWith(expect.any(String), expect.stringContaining("Can't reach database server"));
    log.mockRestore();
  });

  it('keeps other unexpected errors a 500 that says nothing of them', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = errorResponse(new Error('duplicate key value violates unique constraint "Link_tokenHash_key"'));
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toContain('Link_tokenHash_key');
    log.mockRestore();
  });
});
