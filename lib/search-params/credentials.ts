import type { CredentialListQuery } from '@/lib/schemas/credentials.ts';

const DEFAULTS: Partial<Record<keyof CredentialListQuery, unknown>> = { sort: 'lastUpdatedAt', order: 'asc', limit: 50, stale: false, overTarget: false, recurring: false };

/** The list's state as a URL query string: only what differs from the defaults, so URLs stay short. */
export function credentialSearchString(query: Partial<CredentialListQuery>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '' || DEFAULTS[key as keyof CredentialListQuery] === value) continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}
