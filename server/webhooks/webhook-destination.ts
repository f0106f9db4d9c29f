import 'server-only';
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import type { LookupAddress } from 'node:dns';
import { env } from '@/server/env.ts';

// Webhooks are the one way CredOps sends data to an address staff type in. Unless
// ALLOW_PRIVATE_WEBHOOKS is on, none may reach loopback, private, link-local or other internal
// addresses (SSRF): checked when the webhook is saved and again at every delivery, since a name can
// resolve elsewhere later, on the addresses the delivery then connects to.
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

/** How a host name becomes addresses: the system's resolver, or a test's. */
export type Resolve = (host: string) => Promise<{ address: string; family: number }[]>;
const systemResolve: Resolve = (host) => lookup(host, { all: true });

type Checked = { problem: string } | { url: URL; addresses: { address: string; family: number }[] | null };

/** The URL and the addresses it may be reached at (null: any, private receivers allowed), or why not. */
async function checkDestination(url: string, allowPrivate: boolean, resolve: Resolve): Promise<Checked> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { problem: 'The webhook URL is not a URL.' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { problem: 'The webhook URL must start with https:// (or http://).' };
  if (parsed.username || parsed.password) return { problem: 'Put credentials in the secret, not in the webhook URL.' };
  if (allowPrivate) return { url: parsed, addresses: null };
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolve(host);
  } catch {
    return { problem: `The webhook's host ${host} does not resolve.` };
  }
  if (addresses.length === 0) return { problem: `The webhook's host ${host} does not resolve.` };
  const internal = addresses.find((a) => isInternal(a.address));
  if (internal) return { problem: `The webhook's host ${host} is a private or loopback address (${internal.address}); set ALLOW_PRIVATE_WEBHOOKS=true to allow internal receivers.` };
  return { url: parsed, addresses };
}

const allowPrivateByDefault = () => env.ALLOW_PRIVATE_WEBHOOKS === 'true';

/** Why CredOps will not send to this URL, in words for an Admin; null when it may. */
export async function webhookUrlProblem(url: string, allowPrivate: boolean = allowPrivateByDefault(), resolve: Resolve = systemResolve): Promise<string | null> {
  const checked = await checkDestination(url, allowPrivate, resolve);
  return 'problem' in checked ? checked.problem : null;
}

export type WebhookPostResult = { refused: string } | { status: number; statusText: string };

/**
 * POSTs to a webhook over a connection to the very addresses that passed the check: the name is
 * resolved once, so a resolver that answers differently between the check and the connection (DNS
 * rebinding) cannot point the request inside. Redirects are not followed; the answer's body is not read.
 */
export async function postToWebhook(
  url: string,
  request: { headers: Record<string, string>; body: string; timeoutMs: number },
  options: { allowPrivate?: boolean; resolve?: Resolve } = {},
): Promise<WebhookPostResult> {
  const checked = await checkDestination(url, options.allowPrivate ?? allowPrivateByDefault(), options.resolve ?? systemResolve);
  if ('problem' in checked) return { refused: checked.problem };
  const { addresses } = checked;
  const pinned: LookupFunction | undefined = addresses
    ? (_host, lookupOptions, callback) => {
        if (lookupOptions.all) (callback as (error: null, all: LookupAddress[]) => void)(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      }
    : undefined;
  const client = checked.url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const outgoing = client.request(
      checked.url,
      { method: 'POST', headers: { ...request.headers, 'Content-Length': String(Buffer.byteLength(request.body)) }, ...(pinned ? { lookup: pinned } : {}) },
      (response) => {
        clearTimeout(deadline);
        response.resume();
        resolve({ status: response.statusCode ?? 0, statusText: response.statusMessage ?? '' });
      },
    );
    // The whole exchange, not each silence: a receiver trickling bytes cannot hold a delivery past its claim.
    const deadline = setTimeout(() => outgoing.destroy(new Error(`no answer within ${request.timeoutMs / 1000} s`)), request.timeoutMs);
    outgoing.on('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    outgoing.end(request.body);
  });
}
