import Link from 'next/link';

export default function Forbidden() {
  return (
    // Shown inside the console layout, whose <main> holds it.
    <div className="mx-auto max-w-xl p-10" data-testid="forbidden">
      <h1 className="text-xl font-semibold">Your role cannot open this page.</h1>
      <p className="mt-2 text-sm text-slate-700">Ask an Admin if you need access.</p>
      <Link href="/credentials" className="mt-4 inline-block text-sm underline">Back to credentials</Link>
    </div>
  );
}
