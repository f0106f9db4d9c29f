'use client';

import { useState, type ReactNode } from 'react';
import { DateFilter } from '@/components/data-table/date-filter.tsx';
import { FacetedFilter } from '@/components/data-table/faceted-filter.tsx';
import { Button } from '@/components/ui/button.tsx';
import { RECURRING_ADVICE } from '@/lib/domain/recurrence.ts';
import { OWNER_ANY, OWNER_ME, OWNER_NONE } from '@/lib/domain/owner-filter.ts';
import type { CredentialListQuery, LinkFilter } from '@/lib/schemas/credentials.ts';

interface Props {
  query: CredentialListQuery;
  institutions: { id: string; name: string }[];
  owners: { id: string; name: string }[];
  /** Applies a change of filters (a navigation: the URL holds the list's state). */
  go: (change: Partial<CredentialListQuery>) => void;
  /** What the list says of itself beside the filters (updating, could not refresh). */
  children?: ReactNode;
}

const WHOSE = [
  { value: OWNER_ANY, label: 'Anyone' },
  { value: OWNER_ME, label: 'Assigned to me' },
  { value: OWNER_NONE, label: 'Unassigned' },
];

const ANY_LINK = 'any';
const LINK_CHOICES = [
  { value: ANY_LINK, label: 'Any' },
  { value: 'none', label: 'None sent in this status' },
  { value: 'unopened', label: 'Sent, not opened' },
] satisfies { value: LinkFilter | typeof ANY_LINK; label: string }[];

/** Every filter of the list but status and search (the cards and the search box). Sorting is in the column headers. */
export function CredentialFilterBar({ query, institutions, owners, go, children }: Props) {
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm" role="group" aria-label="Filters">
      <Button
        size="sm"
        variant={query.sort === 'attention' ? 'primary' : 'secondary'}
        aria-pressed={query.sort === 'attention'}
        title="Broken credentials first: longest waiting, moved up by an unopened link, failed attempts or a recurrence, down by an incident at their bank"
        onClick={() => go(query.sort === 'attention' ? { sort: 'lastUpdatedAt', order: 'asc' } : { sort: 'attention', order: 'asc' })}
      >
        Needs attention first
      </Button>
      <FacetedFilter
        label="Institution"
        options={institutions.map((i) => ({ value: i.id, label: i.name }))}
        selected={query.institution}
        onChange={(institution) => go({ institution })}
      />
      <FacetedFilter
        label="Owner"
        single
        options={[...WHOSE, ...owners.map((o) => ({ value: o.id, label: o.name }))]}
        selected={query.owner ? [query.owner] : []}
        onChange={([owner]) => go({ owner })}
      />
      <FacetedFilter
        label="Link"
        single
        options={LINK_CHOICES}
        selected={query.link ? [query.link] : []}
        onChange={([link]) => go({ link: link === ANY_LINK ? undefined : (link as LinkFilter | undefined) })}
      />
      <DateFilter key={`from-${query.createdFrom}`} label="Created from" value={query.createdFrom} onCommit={(createdFrom) => go({ createdFrom })} />
      <DateFilter key={`to-${query.createdTo}`} label="to" value={query.createdTo} onCommit={(createdTo) => go({ createdTo })} />
      <FilterCheckbox key={`stale-${query.stale}`} label="Stale only" checked={query.stale} onChange={(stale) => go({ stale })} />
      <FilterCheckbox
        key={`over-${query.overTarget}`}
        label="Over target only"
        title="Blocked or Pending SCA for longer than its recovery target (set by an Admin)"
        checked={query.overTarget}
        onChange={(overTarget) => go({ overTarget })}
      />
      <FilterCheckbox key={`recurring-${query.recurring}`} label="Recurring only" title={RECURRING_ADVICE} checked={query.recurring} onChange={(recurring) => go({ recurring })} />
      {children}
    </div>
  );
}

/** A filter that is a checkbox: ticked at once, applied by a navigation that may take a moment. */
function FilterCheckbox({ label, title, checked, onChange }: { label: string; title?: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const [ticked, setTicked] = useState(checked);
  return (
    <label className="flex items-center gap-2" title={title}>
      <input
        type="checkbox"
        checked={ticked}
        onChange={(e) => {
          setTicked(e.target.checked);
          onChange(e.target.checked);
        }}
      />
      {label}
    </label>
  );
}
