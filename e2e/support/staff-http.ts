import { request as httpRequest } from 'node:http';
import type { APIRequestContext } from '@playwright/test';

/** Signs in through next-auth's own endpoints, as the sign-in form does; answers whether it worked. */
export async function signInOverApi(api: APIRequestContext, email: string, password: string): Promise<boolean> {
  const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const answer = await api.post('/api/auth/callback/credentials', { form: { csrfToken, email, password, json: 'true' } });
  const { url } = (await answer.json()) as { url: string };
  return !url.includes('error=');
}

export async function signOutOverApi(api: APIRequestContext): Promise<void> {
  const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
  await api.post('/api/auth/signout', { form: { csrfToken, json: 'true' } });
}

interface Answer {
  status: number;
  body: string;
  cookies: string[];
}

/**
 * One HTTP request from a chosen loopback address (127.0.0.2, say): the server then sees another
 * client, as it would a different machine, which Playwright's own request client cannot do.
 */
export function requestFrom(localAddress: string, baseURL: string, path: string, init: { method?: string; headers?: Record<string, string>; form?: Record<string, string> } = {}): Promise<Answer> {
  const body = init.form ? new URLSearchParams(init.form).toString() : undefined;
  const url = new URL(path, baseURL);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: init.method ?? 'GET',
        localAddress,
        headers: { ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(Buffer.byteLength(body)) } : {}), ...init.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A sign-in attempt from `localAddress`, claiming to come from `forwardedFor`. */
export async function signInFrom(localAddress: string, baseURL: string, email: string, password: string, forwardedFor: string): Promise<boolean> {
  const csrf = await requestFrom(localAddress, baseURL, '/api/auth/csrf', { headers: { 'X-Forwarded-For': forwardedFor } });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const answer = await requestFrom(localAddress, baseURL, '/api/auth/callback/credentials', {
    method: 'POST',
    headers: { Cookie: csrf.cookies.join('; '), 'X-Forwarded-For': forwardedFor },
    form: { csrfToken, email, password, json: 'true' },
  });
  return !(JSON.parse(answer.body) as { url: string }).url.includes('error=');
}
