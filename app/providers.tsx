'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ThemeProvider } from 'next-themes';
import { useState, type ReactNode } from 'react';
import { Toaster } from '@/components/ui/toaster.tsx';

/** `nonce` is this response's CSP nonce: next-themes sets the theme before paint with an inline script. */
export function Providers({ nonce, children }: { nonce?: string; children: ReactNode }) {
  // One client per browser tab; server data arrives as initialData, so nothing refetches on mount.
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 15_000, retry: 1 } } }));
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
      <QueryClientProvider client={client}>
        {children}
        <Toaster />
      </QueryClientProvider>
    </ThemeProvider>
  );
}
