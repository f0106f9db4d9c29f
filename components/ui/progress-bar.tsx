/** How far `done` of `total` has got, as a bar a screen reader reads in percent. */
export function ProgressBar({ label, done, total }: { label: string; done: number; total: number }) {
  const percent = total ? Math.round((done / total) * 100) : 100;
  return (
    <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="mt-2 h-3 w-full overflow-hidden rounded-full bg-slate-200">
      <div className="h-full bg-slate-900 transition-all" style={{ width: `${percent}%` }} />
    </div>
  );
}
