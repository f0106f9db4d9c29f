import 'server-only';
import type { Db } from '@/server/db/client.ts';
import { env, publicUrl } from '@/server/env.ts';
import type { FlanksForce } from '../flanks-client.ts';
import { loadSimulator, saveSimulator, type SimulatorScope } from './simulator-store.ts';

// The simulated Flanks Link: the page where an end user completes the SCA or Reset flow in the
// embedded default. It plays Flanks' part, so it checks the answer as the institution would and
// shows the demo answer (a real bank would send the code to the user's phone).

export interface SimulatedLinkView {
  institutionName: string;
  /** The one-time code (SCA) or the password the bank accepts today (Reset): what a demo user types. */
  demoAnswer: string;
}

const scopeOf = (flow: FlanksForce, flowToken: string): SimulatorScope => (flow === 'sca' ? { scaToken: flowToken } : { resetToken: flowToken });

async function load(db: Db, flow: FlanksForce, flowToken: string, now: Date) {
  const sim = await loadSimulator(db, `${env.SIMULATOR_SEED}:link:${now.toISOString()}`, scopeOf(flow, flowToken));
  const [credential] = sim.credentials.values();
  return { sim, credential };
}

/** Null when no credential has this flow token (already used, or never issued). */
export async function readSimulatedLink(db: Db, flow: FlanksForce, flowToken: string, now = new Date()): Promise<SimulatedLinkView | null> {
  const { sim, credential } = await load(db, flow, flowToken, now);
  if (!credential) return null;
  const institution = sim.institutionList().find((i) => i.id === credential.institutionId);
  return { institutionName: institution?.name ?? credential.institutionId, demoAnswer: flow === 'sca' ? sim.scaCodeFor(credential.token) : credential.bankPassword };
}

/** Completes the flow with the end user's answer; throws Flanks' error (INVALID_SCA, INVALID_CREDENTIALS, NOT_FOUND). */
export async function completeSimulatedLink(db: Db, flow: FlanksForce, flowToken: string, answer: string, now = new Date()): Promise<void> {
  const { sim } = await load(db, flow, flowToken, now);
  if (flow === 'sca') sim.completeScaFlow(flowToken, answer, now);
  else sim.completeResetFlow(flowToken, answer, now);
  await saveSimulator(db, sim);
}

/** The simulator only sends end users back to CredOps' own link pages, never to an address in the URL. */
export function isCredOpsReturnUrl(url: string): boolean {
  return url.startsWith(`${publicUrl()}/l/`) && !url.includes('..');
}
