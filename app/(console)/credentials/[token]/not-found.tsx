import Link from 'next/link';

export default function CredentialNotFound() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-8" data-testid="credential-not-found">
      <h1 className="text-xl font-semibold">No credential has this token.</h1>
      <p className="mt-1 text-sm text-slate-600">Check the link, or search for the credential by its token, reference or contact.</p>
      <Link href="/credentials" className="mt-4 inline-block text-sm underline">Back to credentials</Link>
    </div>
  );
}
