import { ChevronDown } from 'lucide-react';
import type { ComponentProps } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { cn } from '@/lib/cn.ts';

// What the faceted filter (./faceted-filter.tsx) and its lazily loaded popover share.

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
