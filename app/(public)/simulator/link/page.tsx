import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { EndUserCard } from '@/components/links/end-user-card.tsx';
import { Button } from '@/components/ui/button.tsx';
import { db } from '@/server/db/client.ts';
import { usesFlanksApi } from '@/server/flanks/flanks-source.ts';
import { isCredOpsReturnUrl, readSimulatedLink } from '@/server/flanks/simulator/simulator-link.ts';
import { cancelSimulatedLink, submitSimulatedLink } from './actions.ts';

export const metadata: Metadata = { title: 'Flanks Link (simulated)', robots: { index: false, follow: false } };

const ERRORS: Record<string, string> = {
  INVALID_SCA: 'The one-time code is not valid (INVALID_SCA). Try again.',
  INVALID_CREDENTIALS: 'The institution rejected this password (INVALID_CREDENTIALS). Try again.',
};

type Search = { flow?: string; token?: string; redirect_uri?: string; error?: string };

// The embedded default's stand-in for the Flanks Link. With the real Flanks API configured it does not exist.
export default async function SimulatedFlanksLinkPage({ searchParams }: { searchParams: Promise<Search> }) {
  if (usesFlanksApi()) notFound();
  const { flow, token, redirect_uri: redirectUri, error } = await searchParams;
  const valid = (flow === 'sca' || flow === 'reset') && token && redirectUri && isCredOpsReturnUrl(redirectUri);
  const view = valid ? await readSimulatedLink(db, flow, token) : null;
  if (!valid || !view) {
    return (
      <EndUserCard title="This session has ended" from="Flanks Link · simulated">
        <p>This Flanks Link session is not valid any more. Go back to the email you received and ask for a new link if needed.</p>
      </EndUserCard>
    );
  }
  const sca = flow === 'sca';
  return (
    <EndUserCard title={`${view.institutionName}: ${sca ? 'confirm it is you' : 'enter your current password'}`} from="Flanks Link · simulated">
      <form action={submitSimulatedLink} className="space-y-3">
        <input type="hidden" name="flow" value={flow} />
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="redirect_uri" value={redirectUri} />
        <label className="block">
          <span className="font-medium">{sca ? 'One-time code' : 'Password'}</span>
          <input
            name="answer"
            type={sca ? 'text' : 'password'}
            inputMode={sca ? 'numeric' : undefined}
            autoComplete={sca ? 'one-time-code' : 'current-password'}
            required
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
          />
        </label>
        {error && (
          <p role="alert" className="text-red-700">
            {ERRORS[error] ?? `Flanks could not finish (${error}).`}
          </p>
        )}
        <p className="rounded-md bg-amber-50 p-2 text-xs text-amber-900">
          Demo: {sca ? 'the bank app shows the code' : `${view.institutionName} now accepts the password`} <code className="font-mono">{view.demoAnswer}</code>
        </p>
        <div className="flex gap-2">
          <Button type="submit">Confirm</Button>
          <Button type="submit" variant="secondary" formAction={cancelSimulatedLink} formNoValidate>
            Cancel
          </Button>
        </div>
      </form>
    </EndUserCard>
  );
}
