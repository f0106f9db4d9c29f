import { describe, expect, it } from 'vitest';
import { repairPathEncoding } from './repair-path-encoding.ts';

// Issue 16: Next failed to decode these paths itself and answered a bare 500; a NUL got to PostgreSQL.
describe('a request path', () => {
  it('is left alone when every segment decodes to text', () => {
    for (const path of ['/credentials/abc', '/l/caf%C3%A9', '/api/credentials/%41%2F', '/', '/a%20b/%25']) expect(repairPathEncoding(path), path).toBeNull();
  });

  it('is made decodable, with U+FFFD for bytes that are not UTF-8 and a stray % standing for itself', () => {
    expect(repairPathEncoding('/api/credentials/%C0%AF')).toBe('/api/credentials/%EF%BF%BD%EF%BF%BD');
    expect(repairPathEncoding('/l/%FF/done')).toBe('/l/%EF%BF%BD/done');
    expect(repairPathEncoding('/credentials/%E0%A4%A')).toBe('/credentials/%EF%BF%BD%25A');
    expect(repairPathEncoding('/x/caf%C3%A9%FF%zz')).toBe('/x/caf%C3%A9%EF%BF%BD%25zz');
  });

  it('loses its control characters, which no token or id holds', () => {
    expect(repairPathEncoding('/api/credentials/%00')).toBe('/api/credentials/%EF%BF%BD');
    expect(repairPathEncoding('/l/ab%0Acd%7F')).toBe('/l/ab%EF%BF%BDcd%EF%BF%BD');
  });

  it('keeps every segment that was already text as it was', () => {
    expect(repairPathEncoding('/l/%41%2F/%FF')).toBe('/l/%41%2F/%EF%BF%BD');
  });
});
