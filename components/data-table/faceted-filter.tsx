'use client';

import { clsx } from 'clsx';

/** A multi-select filter in a disclosure: "Institution (2)" opens a list of checkboxes. */
export function FacetedFilter({
  label,
  options,
  selected,
  onChange,
}: {
  label: string;
  options: { value: string; label: string }[];
  selected: string[];
  onChange: (values: string[]) => void;
}) {
  const toggle = (value: string) => onChange(selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value]);
  return (
    <details className="relative">
      <summary className={clsx('cursor-pointer list-none rounded-md border bg-white px-3 py-1', selected.length ? 'border-slate-900' : 'border-slate-300')}>
        {label}{selected.length > 0 && ` (${selected.length})`} ▾
      </summary>
      <fieldset className="absolute z-10 mt-1 max-h-72 w-64 overflow-auto rounded-md border border-slate-200 bg-white p-2 shadow-lg">
        <legend className="sr-only">{label}</legend>
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-2 rounded px-1 py-0.5 hover:bg-slate-100">
            <input type="checkbox" checked={selected.includes(o.value)} onChange={() => toggle(o.value)} />
            {o.label}
          </label>
        ))}
        {selected.length > 0 && (
          <button type="button" className="mt-1 text-xs underline" onClick={() => onChange([])}>Clear</button>
        )}
      </fieldset>
    </details>
  );
}
