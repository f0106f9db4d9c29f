'use client';

import { useState } from 'react';

/**
 * Shows the token shortened (or `label`, where the whole token is already on the page); one click
 * copies all of it. Its accessible name starts with what it shows.
 */
export function CopyTokenButton({ token, label }: { token: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      title={`Copy ${token}`}
      onClick={async () => {
        await navigator.clipboard.writeText(token);
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      }}
      className="rounded px-1 hover:bg-slate-100"
    >
      {label ?? <>{token.slice(0, 8)}…<span className="sr-only"> copy the whole token</span></>}
      <span aria-live="polite">{copied && <span className="ml-1 font-sans text-green-700">Copied</span>}</span>
    </button>
  );
}
