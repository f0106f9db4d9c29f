'use client';

import { useState } from 'react';
import { FacetedFilter } from './faceted-filter.tsx';

/** A faceted filter inside a GET form: its choices travel as repeated `name` fields when the form is applied. */
export function FacetedFilterField({ name, label, options, initial }: { name: string; label: string; options: { value: string; label: string }[]; initial: string[] }) {
  const [selected, setSelected] = useState(initial);
  return (
    <>
      <FacetedFilter label={label} options={options} selected={selected} onChange={setSelected} />
      {selected.map((value) => <input key={value} type="hidden" name={name} value={value} />)}
    </>
  );
}
