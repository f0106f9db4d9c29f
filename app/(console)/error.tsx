'use client';

import { Button } from '@/components/ui/button.tsx';

export default function ConsoleError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="rounded-lg border border-red-200 bg-red-50 p-6" data-testid="page-error">
      <h2 className="font-semibold text-red-900">This page could not be loaded.</h2>
      <p className="mt-1 text-sm text-red-800">The error has been logged. Try again; if it persists, check /api/health.</p>
      <Button className="mt-4" onClick={reset}>Try again</Button>
    </div>
  );
}
