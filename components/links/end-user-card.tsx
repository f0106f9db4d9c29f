import type { ReactNode } from 'react';

/** The frame of every page an end user (not staff) sees: one card, one message, nothing else to click. */
export function EndUserCard({ title, children, from = 'CredOps' }: { title: string; children: ReactNode; from?: string }) {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{from}</p>
        <h1 className="mt-1 text-xl font-semibold">{title}</h1>
        <div className="mt-3 space-y-3 text-sm text-slate-700">{children}</div>
      </div>
    </main>
  );
}
