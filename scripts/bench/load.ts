// Many signed-in clients at once, on loopback: what staff feel when the whole team has the list open.
import autocannon from 'autocannon';

export interface LoadResult {
  requests: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export async function hammer(baseUrl: string, paths: string[], cookie: string, options: { connections: number; seconds: number }): Promise<LoadResult> {
  const result = await autocannon({
    url: baseUrl,
    connections: options.connections,
    duration: options.seconds,
    headers: { Cookie: cookie },
    requests: paths.map((path) => ({ method: 'GET', path })),
  });
  return { requests: result.requests.total, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts, non2xx: result.non2xx };
}
