'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button.tsx';

export const SEARCH_INPUT_ID = 'credential-search';

/** Free-text search over token, external reference and contacts; applied on submit, not on each key. */
export function CredentialSearch({ initial, onSearch: apply }: { initial: string; onSearch: (q: string | undefined) => void }) {
  const [search, setSearch] = useState(initial);
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    apply(search.trim() || undefined);
  };
  return (
    <form onSubmit={onSearch} role="search" className="flex w-full gap-2 sm:w-auto">
      <label htmlFor={SEARCH_INPUT_ID} className="sr-only">Search token, reference or contact</label>
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        placeholder="Token, reference, contact…  ( / )"
        className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm sm:w-72"
      />
      <Button type="submit" variant="secondary">Search</Button>
    </form>
  );
}
