'use client';

import { useState, type KeyboardEvent } from 'react';
import { isFilterableDay } from '@/lib/domain/time.ts';

/**
 * A date field that filters when the date is finished — on Enter or on leaving the field — never on
 * each keystroke: typing a year passes through 0002, 0020 and 0202 on the way to 2026.
 */
export function DateFilter({ label, value, onCommit }: { label: string; value: string | undefined; onCommit: (day: string | undefined) => void }) {
  const [draft, setDraft] = useState(value ?? '');
  const commit = () => {
    if (draft === (value ?? '')) return;
    if (draft === '') onCommit(undefined);
    else if (isFilterableDay(draft)) onCommit(draft);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    }
  };
  return (
    <label className="flex items-center gap-2">
      {label}
      <input type="date" min="1970-01-01" value={draft} onChange={(e) => setDraft(e.target.value)} onBlur={commit} onKeyDown={onKeyDown} className="rounded-md border border-slate-300 bg-white px-2 py-0.5" />
    </label>
  );
}
