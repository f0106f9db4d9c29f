/** An audit event's details as "key: value" lines; the stored JSON stays in the CSV export for machines. */
export function AuditDetails({ details }: { details: string | null }) {
  if (!details) return <span className="text-slate-500">—</span>;
  let parsed: unknown;
  try {
    parsed = JSON.parse(details);
  } catch {
    return <span className="break-all">{details}</span>;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return <span className="break-all">{String(details)}</span>;
  const entries = Object.entries(parsed as Record<string, unknown>);
  return (
    <dl className="grid max-w-md grid-cols-[auto_1fr] gap-x-2">
      {entries.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="text-slate-500">{key}</dt>
          <dd className="break-all">{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
