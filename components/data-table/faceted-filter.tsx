'use client';

import { lazy, Suspense, useState } from 'react';
import { facetSummary, FacetedFilterTrigger, type FacetedFilterProps } from './faceted-filter-trigger.tsx';

const loadPopover = () => import('./faceted-filter-popover.tsx');
// The popover and its positioning engine (Floating UI, ~17 kB) load when a filter is first reached for,
// not with the list: most visits never open one (docs/BENCHMARKS.md, first-load budget).
const FacetedFilterPopover = lazy(() => loadPopover().then((m) => ({ default: m.FacetedFilterPopover })));

/**
 * A filter over a list of values in a popover: choices are a draft until applied, so ticking three
 * institutions costs one request and one history entry. Escape closes it and forgets the draft.
 */
export function FacetedFilter(props: FacetedFilterProps) {
  const [requested, setRequested] = useState(false);
  const trigger = (
    <FacetedFilterTrigger
      label={props.label}
      summary={facetSummary(props)}
      active={props.selected.length > 0}
      aria-expanded={false}
      onPointerEnter={() => void loadPopover()}
      onFocus={() => void loadPopover()}
      onClick={() => setRequested(true)}
    />
  );
  if (!requested) return trigger;
  return <Suspense fallback={trigger}><FacetedFilterPopover {...props} /></Suspense>;
}
