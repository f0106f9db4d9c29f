// The one way the browser calls CredOps' API: JSON in, JSON out, the server's message on failure.

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** What a person is told when the request never reached CredOps (the browser's own words are "Failed to fetch"). */
export const UNREACHABLE = 'CredOps could not be reached: check your connection and try again.';

export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { Accept: 'application/json', ...init?.headers } });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(UNREACHABLE, 0);
  }
  const body = (await response.json().catch(() => null)) as { error?: string } | null;
  if (!response.ok) throw new ApiError(body?.error ?? `Request failed (${response.status})`, response.status);
  return body as T;
}
