import Link from 'next/link';

interface Problem {
  path: PropertyKey[];
  message: string;
}

/** A page opened from a link whose query it cannot read: what is wrong, field by field, and a way back. */
export function BadFilterNotice({ title, problems, resetHref, resetLabel }: { title: string; problems: Problem[] | string; resetHref: string; resetLabel: string }) {
  return (
    <div className="rounded-lg border border-amber-300 bg-amber-50 p-6" data-testid="bad-filter">
      <h1 className="font-semibold">{title}</h1>
      <ul className="mt-2 list-disc pl-5 text-sm">
        {typeof problems === 'string' ? (
          <li>{problems}</li>
        ) : (
          problems.map((p) => (
            <li key={p.path.join('.')}>
              {p.path.join('.')}: {p.message}
            </li>
          ))
        )}
      </ul>
      <Link href={resetHref} className="mt-4 inline-block text-sm font-medium underline">
        {resetLabel}
      </Link>
    </div>
  );
}
