import 'server-only';

/** What a caller sees while the database is down or overloaded: never the driver's text. */
export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is not answering right now; try again in a moment.';

// Prisma's "cannot reach / timed out / connection closed / pool timeout / too many connections".
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037']);
// PostgreSQL: terminated by an administrator or a crash, starting up, statement timeout,
// idle-in-transaction timeout, too many connections. Class 08 (connection exceptions) is checked apart.
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '57014', '25P03', '53300']);
// Socket errors adapter-pg does not map, thrown by pg as they are. Only at the top: fetch() wraps the
// same codes in its cause, and a Flanks call that fails is not the database failing.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND']);
// adapter-pg's kinds for socket failures (it gives PostgreSQL's own errors the kind "postgres").
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
// pg and pg-pool raise these as plain Errors, and adapter-pg passes them through unchanged.
const DRIVER_MESSAGES =
  /^(timeout exceeded when trying to connect|Connection terminated( unexpectedly| due to connection timeout)?|Client has encountered a connection error and is not queryable|Client was closed and is not queryable)$/;

/**
 * Whether an error means the database is down, unreachable or too slow (a 503 worth retrying), as
 * opposed to a bug or a constraint. Errors come in layers: Prisma's error, holding adapter-pg's
 * (meta.driverAdapterError), holding PostgreSQL's code (cause); or any of them alone.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return unavailable(error, 0);
}

function unavailable(error: unknown, depth: number): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const { code, kind, message, meta, cause } = error as { code?: unknown; kind?: unknown; message?: unknown; meta?: { driverAdapterError?: unknown }; cause?: unknown };
  const text = typeof message === 'string' ? message : '';
  if (typeof code === 'string') {
    if (PRISMA_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code) || (depth === 0 && SOCKET_CODES.has(code))) return true;
    // A database closed to new connections (ALTER DATABASE … ALLOW_CONNECTIONS false, maintenance).
    if (code === '55000' && text.includes('is not currently accepting connections')) return true;
    // Waited longer than maxWait for a connection: the pool is saturated.
    if (code === 'P2028' && text.includes('Unable to start a transaction in the given time')) return true;
  }
  if (typeof kind === 'string' && ADAPTER_KINDS.has(kind)) return true;
  if (DRIVER_MESSAGES.test(text)) return true;
  return unavailable(meta?.driverAdapterError, depth + 1) || unavailable(cause, depth + 1);
}
