import 'server-only';

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

/**
 * The caller's address as the nearest proxy reports it (Next's own server sets x-forwarded-for).
 * Deploy behind a proxy that overwrites the header, or a client could choose its own.
 */
export function clientIp(headers: HeaderSource): string | null {
  const raw = headers instanceof Headers ? headers.get('x-forwarded-for') : headers?.['x-forwarded-for'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value?.split(',')[0]?.trim() || null;
}
