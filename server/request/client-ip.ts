import 'server-only';
import { BlockList, isIP } from 'node:net';
import { env } from '@/server/env.ts';

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

/** Which hops of X-Forwarded-For are the deployment's own proxies: a count from the right, or their addresses. */
export type TrustedProxies = { hops: number } | { addresses: BlockList };

export function parseTrustedProxies(setting: string | undefined): TrustedProxies {
  if (!setting?.trim()) return { hops: 0 };
  if (/^\d+$/.test(setting.trim())) return { hops: Number(setting.trim()) };
  const addresses = new BlockList();
  for (const entry of setting.split(',')) {
    const [address, prefix] = entry.trim().split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) addresses.addAddress(address, type);
    else addresses.addSubnet(address, Number(prefix), type);
  }
  return { addresses };
}

const configured = parseTrustedProxies(env.TRUSTED_PROXIES);

/** "::ffff:10.0.0.1" (IPv4 on an IPv6 socket) → "10.0.0.1"; anything that is not an address → null. */
function normalise(entry: string | undefined): string | null {
  const value = entry?.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return value && isIP(value) ? value : null;
}

const isTrusted = (address: string, proxies: { addresses: BlockList }) => proxies.addresses.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');

/**
 * The caller's address. The production server (scripts/serve.mjs) appends the connection's own
 * address to X-Forwarded-For, so the chain's last entry is the one hop nobody can forge; each proxy
 * of the deployment appends the address it was reached from. Read from the right, the first entry
 * not written by a trusted proxy is the client. Entries further left are whatever the client sent.
 */
export function clientIp(headers: HeaderSource, proxies: TrustedProxies = configured): string | null {
  const raw = headers instanceof Headers ? headers.get('x-forwarded-for') : headers?.['x-forwarded-for'];
  const chain = (Array.isArray(raw) ? raw.join(',') : (raw ?? '')).split(',').filter((entry) => entry.trim());
  if (chain.length === 0) return null;
  if ('hops' in proxies) return normalise(chain[Math.max(0, chain.length - 1 - proxies.hops)]);
  for (let i = chain.length - 1; i >= 0; i--) {
    const address = normalise(chain[i]);
    if (!address) return null; // a trusted proxy never writes this: the rest is the client's say
    if (i === 0 || !isTrusted(address, proxies)) return address;
  }
  return null;
}
