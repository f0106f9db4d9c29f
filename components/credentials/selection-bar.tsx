'use client';

import { lazy, Suspense, useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import type { CredentialListItem } from '@/lib/schemas/credentials.ts';
import type { AssignSelection } from './assign-dialog.tsx';

// The dialog (and its preview and progress) loads when someone first assigns.
const AssignDialog = lazy(() => import('./assign-dialog.tsx').then((m) => ({ default: m.AssignDialog })));

interface Props {
  picked: CredentialListItem[];
  allMatching: boolean;
  matching: number;
  pageSize: number;
  filterQuery: string;
  owners: { id: string; name: string }[];
  onSelectAllMatching: () => void;
  onClear: () => void;
}

/** What is selected and what can be done with it: select everything the view matches, clear, assign. */
export function SelectionBar({ picked, allMatching, matching, pageSize, filterQuery, owners, onSelectAllMatching, onClear }: Props) {
  const [assigning, setAssigning] = useState(false);
  if (!allMatching && picked.length === 0) return null;
  const selection: AssignSelection = allMatching ? { kind: 'all', count: matching, filterQuery } : { kind: 'rows', items: picked };
  const everyRowOfThePage = picked.length === pageSize && matching > pageSize;
  return (
    <div className="flex flex-wrap items-center gap-3 rounded-lg border border-blue-200 bg-blue-50 px-3 py-2 text-sm" data-testid="selection-bar">
      <span aria-live="polite">
        {allMatching ? `All ${matching.toLocaleString('en')} credentials matching this view are selected.` : `${picked.length.toLocaleString('en')} selected on this page.`}
      </span>
      {!allMatching && everyRowOfThePage && (
        <Button size="xs" variant="ghost" className="underline" onClick={onSelectAllMatching}>Select all {matching.toLocaleString('en')} matching this view</Button>
      )}
      <Button size="xs" variant="ghost" className="underline" onClick={onClear}>Clear selection</Button>
      <Button size="sm" onClick={() => setAssigning(true)}>Assign…</Button>
      {assigning && (
        <Suspense>
          <AssignDialog selection={selection} owners={owners} onOpenChange={setAssigning} onAssigned={onClear} />
        </Suspense>
      )}
    </div>
  );
}
