'use client';

import { Check } from 'lucide-react';
import { Popover } from 'radix-ui';
import { useState, type KeyboardEvent } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { facetSummary, FacetedFilterTrigger, type FacetedFilterProps } from './faceted-filter-trigger.tsx';

/**
 * A filter over a list of values in a popover: choices are a draft until applied, so ticking three
 * institutions costs one request and one history entry. Escape closes it and forgets the draft.
 */
export function FacetedFilterPopover({ label, options, selected, onChange, single }: FacetedFilterProps) {
  // Mounted by the first press of its trigger (./faceted-filter.tsx), so it starts open.
  const [open, setOpen] = useState(true);
  const [draft, setDraft] = useState(selected);
  const changed = draft.length !== selected.length || draft.some((v) => !selected.includes(v));
  const commit = () => {
    if (changed) onChange(draft);
    setOpen(false);
  };
  const toggle = (value: string) => setDraft((current) => (single ? (current.includes(value) ? [] : [value]) : current.includes(value) ? current.filter((v) => v !== value) : [...current, value]));
  // A checkbox answers Space; people also press Enter, which in a form-less popover would do nothing.
  const enterToggles = (value: string) => (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      toggle(value);
    }
  };
  const summary = facetSummary({ options, selected, single });

  return (
    <Popover.Root
      open={open}
      onOpenChange={(next) => {
        if (next) setDraft(selected);
        setOpen(next);
      }}
    >
      <Popover.Trigger asChild>
        <FacetedFilterTrigger label={label} summary={summary} active={selected.length > 0} />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="start"
          sideOffset={4}
          aria-label={label}
          className="z-30 w-72 rounded-md border border-slate-200 bg-white p-2 text-sm text-slate-900 shadow-lg"
          onEscapeKeyDown={() => setDraft(selected)}
          onInteractOutside={(event) => {
            event.preventDefault();
            commit();
          }}
        >
          <fieldset>
            <legend className="sr-only">{label}</legend>
            <div className="max-h-72 overflow-auto">
              {options.map((o) => (
                <label key={o.value} className="flex cursor-pointer items-center gap-2 rounded px-1 py-1 hover:bg-slate-100">
                  <input type={single ? 'radio' : 'checkbox'} name={single ? label : undefined} checked={draft.includes(o.value)} onChange={() => toggle(o.value)} onKeyDown={enterToggles(o.value)} />
                  {o.label}
                  {selected.includes(o.value) && <Check aria-label="applied" className="ml-auto size-3.5 text-slate-500" />}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="mt-2 flex items-center justify-between gap-2 border-t border-slate-100 pt-2">
            <Button variant="ghost" size="xs" disabled={draft.length === 0} onClick={() => setDraft([])}>Clear</Button>
            <Button size="xs" onClick={commit}>Apply</Button>
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
