import 'server-only';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { env } from '@/server/env.ts';

// Webhooks are the one way CredOps sends data to an address staff type in. Unless
// ALLOW_PRIVATE_WEBHOOKS is on, none may reach loopback, private, link-local or other internal
// addresses (SSRF): checked when the webhook is saved and again before every delivery, since a
// name can resolve elsewhere later.
const INTERNAL = new BlockList();
for (const [network, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) INTERNAL.addSubnet(network, prefix, 'ipv6');

function isInternal(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return INTERNAL.check(mapped, 'ipv4');
  return INTERNAL.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** Why CredOps will not send to this URL, in words for an Admin; null when it may. */
export async function webhookUrlProblem(url: string, allowPrivate: boolean = env.ALLOW_PRIVATE_WEBHOOKS === 'true'): Promise<string | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'The webhook URL is not a URL.';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'The webhook URL must start with https:// (or http://).';
  if (parsed.username || parsed.password) return 'Put credentials in the secret, not in the webhook URL.';
  if (allowPrivate) return null;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    return `The webhook's host ${host} does not resolve.`;
  }
  const internal = addresses.find(isInternal);
  return internal ? `The webhook's host ${host} is a private or loopback address (${internal}); set ALLOW_PRIVATE_WEBHOOKS=true to allow internal receivers.` : null;
}
