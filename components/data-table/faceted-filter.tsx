'use client';

import { ChevronDown } from 'lucide-react';
import { lazy, Suspense, useState, type ComponentProps } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { cn } from '@/lib/cn.ts';

export interface FacetedFilterProps {
  label: string;
  options: { value: string; label: string }[];
  selected: string[];
  /** Called once per commit (Apply, or closing by a click elsewhere), never per checkbox. */
  onChange: (values: string[]) => void;
  /** One value at most: the choices are radios ("Owner"). */
  single?: boolean;
}

export const facetSummary = ({ options, selected, single }: Pick<FacetedFilterProps, 'options' | 'selected' | 'single'>) =>
  single ? options.find((o) => o.value === selected[0])?.label : selected.length ? String(selected.length) : undefined;

type TriggerProps = ComponentProps<'button'> & { label: string; summary: string | undefined; active: boolean };

/** "Institution: 2 ▾", the same before and after the popover has loaded. */
export function FacetedFilterTrigger({ label, summary, active, className, ...props }: TriggerProps) {
  return (
    <Button variant="secondary" size="sm" aria-haspopup="dialog" {...props} className={cn(active && 'border-slate-900', className)}>
      <span>{label}{summary && <span className="font-normal">: {summary}</span>}</span>
      <ChevronDown aria-hidden />
    </Button>
  );
}

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
