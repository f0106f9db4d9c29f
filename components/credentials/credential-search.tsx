'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button.tsx';

/** Free-text search over token, external reference and contacts; applied on submit, not on each key. */
export function CredentialSearch({ initial, onSearch: apply }: { initial: string; onSearch: (q: string | undefined) => void }) {
  const [search, setSearch] = useState(initial);
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    apply(search.trim() || undefined);
  };
  return (
    <form onSubmit={onSearch} role="search" className="flex gap-2">
      <label htmlFor="credential-search" className="sr-only">Search token, reference or contact</label>
      <input
        id="credential-search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        placeholder="Token, reference, contact…"
        className="w-72 rounded-md border border-slate-300 px-3 py-2 text-sm"
      />
      <Button type="submit" variant="secondary">Search</Button>
    </form>
  );
}
