import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { documentLanguage } from '@/server/links/read-link-page.ts';
import { Providers } from './providers.tsx';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'CredOps', template: '%s — CredOps' },
  description: 'Which Flanks credentials are broken, since when, and what to do about it.',
  icons: {
    icon: [{ url: '/favicon.ico', sizes: '32x32' }, { url: '/icon.svg', type: 'image/svg+xml' }],
    apple: '/apple-touch-icon.png',
  },
  manifest: '/manifest.webmanifest',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, so each gets the CSP nonce of its response (see proxy.ts).
  await connection();
  const requestHeaders = await headers();
  const nonce = requestHeaders.get('x-nonce') ?? undefined;
  const lang = await documentLanguage(requestHeaders.get('x-credops-path'));
  return (
    // next-themes sets the class before React hydrates; the mismatch it causes on <html> is expected.
    <html lang={lang} suppressHydrationWarning>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <Providers nonce={nonce}>{children}</Providers>
      </body>
    </html>
  );
}
