'use client';

import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import type { ReactNode } from 'react';

type Order = 'asc' | 'desc';

/**
 * A column header that sorts the list: `aria-sort` tells a screen reader which column the rows are in
 * order of; pressing it again reverses the order. `firstOrder` is the order worth seeing first
 * (the oldest data, the longest-waiting status).
 */
export function SortableHeader({ children, active, order, firstOrder, onSort }: { children: ReactNode; active: boolean; order: Order; firstOrder: Order; onSort: (order: Order) => void }) {
  const next: Order = active ? (order === 'asc' ? 'desc' : 'asc') : firstOrder;
  const Icon = !active ? ArrowUpDown : order === 'asc' ? ArrowUp : ArrowDown;
  return (
    <th scope="col" className="px-3 py-2" aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" onClick={() => onSort(next)} className="-mx-1 inline-flex items-center gap-1 rounded px-1 uppercase hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-blue-600">
        {children}
        <Icon aria-hidden className={active ? 'size-3.5' : 'size-3.5 opacity-40'} />
      </button>
    </th>
  );
}
