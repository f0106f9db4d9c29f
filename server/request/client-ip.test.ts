import { describe, expect, it } from 'vitest';
import { clientIp, parseTrustedProxies } from './client-ip.ts';

const forwardedFor = (value: string) => ({ 'x-forwarded-for': value });

describe('the client address', () => {
  it('is the connection\'s own address when no proxy is trusted, whatever the client claims', () => {
    // The client sent "1.2.3.4"; the production server appended the socket's address.
    expect(clientIp(forwardedFor('1.2.3.4, 203.0.113.7'), parseTrustedProxies(undefined))).toBe('203.0.113.7');
    expect(clientIp(forwardedFor('203.0.113.7'), parseTrustedProxies(''))).toBe('203.0.113.7');
  });

  it('skips a number of trusted hops from the right', () => {
    // forged, real client (added by the load balancer), load balancer (added by the server)
    expect(clientIp(forwardedFor('6.6.6.6, 198.51.100.9, 10.0.0.2'), parseTrustedProxies('1'))).toBe('198.51.100.9');
    expect(clientIp(forwardedFor('198.51.100.9, 10.0.0.2'), parseTrustedProxies('5'))).toBe('198.51.100.9');
  });

  it('skips trusted proxy addresses and CIDRs from the right, and stops at the first stranger', () => {
    const proxies = parseTrustedProxies('10.0.0.0/8, 192.0.2.1');
    expect(clientIp(forwardedFor('6.6.6.6, 198.51.100.9, 192.0.2.1, 10.1.2.3'), proxies)).toBe('198.51.100.9');
    expect(clientIp(forwardedFor('10.9.9.9, 10.1.2.3'), proxies)).toBe('10.9.9.9');
  });

  it('reads IPv4 on an IPv6 socket as IPv4 and refuses what is not an address', () => {
    expect(clientIp(forwardedFor('::ffff:127.0.0.1'), parseTrustedProxies(undefined))).toBe('127.0.0.1');
    expect(clientIp(forwardedFor('1.2.3.4, not-an-address'), parseTrustedProxies(undefined))).toBeNull();
    expect(clientIp({}, parseTrustedProxies(undefined))).toBeNull();
  });
});
