import { isBroken } from './recurrence.ts';
import { DAY_MS } from './time.ts';

// "Needs attention first" (issue 18): broken credentials ranked as if they had waited longer for each
// reason a person should look at them now, so the rank is a date, the same whatever today is, and the
// list can page through it with an index. Every row says why it ranks where it does: no black box.

/** Days added to the wait of a credential whose link went out and was not opened: chase it. */
export const UNOPENED_LINK_DAYS = 2;
/** Days added per failed recovery attempt (the end user tried a link and failed), at most MAX_FAILURES counted. */
export const FAILED_ATTEMPT_DAYS = 3;
export const MAX_FAILURES = 2;
/** Days added to a recurring credential: a call is due. */
export const RECURRING_DAYS = 3;
/** An open incident at the institution pushes its credentials below every other broken one: the client cannot fix a bank outage. */
export const INCIDENT_DAYS = -36_500;

/** Working credentials rank after every broken one, among themselves by id. */
export const WORKING_RANK = new Date('9999-01-01T00:00:00.000Z');

export interface AttentionFactors {
  status: string;
  statusChangedAt: Date;
  /** Links sent since it entered this status that were never opened. */
  unopenedLinks: number;
  /** Links since it entered this status that the end user completed with an error. */
  failedAttempts: number;
  recurring: boolean;
  institutionIncident: boolean;
}

export interface Attention {
  /** The rank: earlier ranks first. */
  rankAt: Date;
  /** Each reason, with the days it adds (negative: pushed down). */
  reasons: { reason: string; days: number }[];
}

export function attentionOf(f: AttentionFactors): Attention {
  if (!isBroken(f.status)) return { rankAt: WORKING_RANK, reasons: [] };
  const reasons: Attention['reasons'] = [];
  if (f.unopenedLinks > 0) reasons.push({ reason: 'a link went out and was not opened', days: UNOPENED_LINK_DAYS });
  const failures = Math.min(f.failedAttempts, MAX_FAILURES);
  if (failures > 0) reasons.push({ reason: `${f.failedAttempts === 1 ? 'a recovery attempt' : `${f.failedAttempts} recovery attempts`} failed`, days: failures * FAILED_ATTEMPT_DAYS });
  if (f.recurring) reasons.push({ reason: 'it is recurring', days: RECURRING_DAYS });
  if (f.institutionIncident) reasons.push({ reason: 'its institution has an open incident (the client cannot fix that)', days: INCIDENT_DAYS });
  const added = reasons.reduce((sum, r) => sum + r.days, 0);
  return { rankAt: new Date(f.statusChangedAt.getTime() - added * DAY_MS), reasons };
}

/** The rank in words: how long it has waited, and what moved it up or down. */
export function explainAttention(f: AttentionFactors, now: Date): string {
  const waited = Math.max(0, Math.floor((now.getTime() - f.statusChangedAt.getTime()) / DAY_MS));
  const { reasons } = attentionOf(f);
  const waitedText = `Waited ${waited} d in this status`;
  if (reasons.length === 0) return `${waitedText}.`;
  return `${waitedText}; ${reasons.map((r) => `${r.reason} (${r.days > 0 ? `+${r.days} d` : 'ranked below the rest'})`).join('; ')}.`;
}
