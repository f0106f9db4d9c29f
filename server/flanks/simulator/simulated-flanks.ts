import 'server-only';
import { randomBytes } from 'node:crypto';
import {
  FlanksError,
  type FlanksClient,
  type FlanksCredentialListItem,
  type FlanksCredentialStatus,
  type FlanksDataFlags,
  type FlanksEntity,
  type FlanksForce,
  type FlanksPage,
} from '../flanks-client.ts';
import { SIMULATED_INSTITUTIONS, type SimulatedInstitution } from './institutions.ts';
import { Random } from './random.ts';
import { DAY_MS, utcDay } from '@/lib/domain/time.ts';

const PAGE_SIZE = 200;
/** The daily run starts at 03:00 UTC; each institution is visited a minute after the previous one. */
export const DAILY_RUN_HOUR = 3;
// During an injected outage most refreshes at that institution fail.
const OUTAGE_FAILURE_RATE = 0.7;

export interface SimulatedCredential {
  token: string;
  institutionId: string;
  username: string;
  password: string;
  bankPassword: string;
  createdAt: Date;
  loadAt: Date;
  lastUpdateAt: Date | null;
  lastScaAt: Date;
  pending: boolean;
  blocked: boolean;
  scaToken: string | null;
  resetToken: string | null;
  errored: FlanksDataFlags | null;
}

export interface Outage {
  institutionId: string;
  day: string; // YYYY-MM-DD
}

const seconds = (at: Date) => Math.floor(at.getTime() / 1000);
const wholeSecond = (at: Date) => new Date(seconds(at) * 1000);

/**
 * An in-process stand-in for Flanks that follows the seed's rules: a daily run that skips Pending SCA
 * and Blocked credentials, SCA challenges on each institution's cadence, passwords that change at the
 * bank, transient institution errors, duplicate detection, and the SCA and Reset flows. It answers
 * in Flanks' shapes. State lives in memory; server/flanks/simulator/simulator-store.ts persists it.
 */
const RESTLESS_ONE_IN = 40;
const RESTLESS_PASSWORD_CHANGE_RATE = 0.25;
const RESTLESS_SELF_FIX_RATE = 0.35;
const isRestless = (token: string) => parseInt(token.slice(-6), 16) % RESTLESS_ONE_IN === 0;

export class SimulatedFlanks implements FlanksClient {
  readonly name = 'simulator';
  readonly credentials = new Map<string, SimulatedCredential>();
  readonly changed = new Set<string>();
  readonly outages: Outage[] = [];
  private readonly institutions = new Map<string, SimulatedInstitution>();
  /** The listing order (insertion order of `credentials`), until a credential is added. */
  private tokens: string[] | null = null;

  constructor(
    private readonly random: Random,
    institutions: readonly SimulatedInstitution[] = SIMULATED_INSTITUTIONS,
  ) {
    for (const i of institutions) this.institutions.set(i.id, i);
  }

  institutionList(): SimulatedInstitution[] {
    return [...this.institutions.values()];
  }

  // ------------------------------------------------------------------ the Flanks API

  async listEntities(): Promise<FlanksEntity[]> {
    return this.institutionList().map(({ id, name, country }) => ({ id, name, country }));
  }

  async listCredentials(page: number): Promise<FlanksPage<FlanksCredentialListItem>> {
    // Kept between pages: copying a million credentials for each page of 200 made a full sync quadratic.
    this.tokens ??= [...this.credentials.keys()];
    const pages = Math.max(1, Math.ceil(this.tokens.length / PAGE_SIZE));
    const items = this.tokens.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((token) => ({ credentials_token: token }));
    return { items, page, pages };
  }

  async getStatus(token: string): Promise<FlanksCredentialStatus> {
    return this.statusOf(this.find(token));
  }

  async force(token: string, force: FlanksForce): Promise<FlanksCredentialStatus> {
    const credential = this.find(token);
    if (force === 'sca') credential.scaToken ??= this.mintFlowToken();
    else credential.resetToken ??= this.mintFlowToken();
    this.changed.add(token);
    return this.statusOf(credential);
  }

  statusOf(c: SimulatedCredential): FlanksCredentialStatus {
    return {
      pending: c.pending,
      blocked: c.blocked,
      reset_token: c.resetToken,
      sca_token: c.scaToken,
      name: c.institutionId,
      last_update_timestamp: c.lastUpdateAt ? seconds(c.lastUpdateAt) : null,
      created_at_timestamp: seconds(c.createdAt),
      errored: c.errored,
    };
  }

  // ------------------------------------------------------------------ what happens at Flanks

  /** An end user adds a login through the Flanks Link. The same login twice is refused. */
  createCredential(input: { institutionId: string; username: string; password: string; at: Date }): SimulatedCredential {
    if (!this.institutions.has(input.institutionId)) throw new FlanksError(`Unknown institution ${input.institutionId}`, 'NOT_FOUND');
    for (const c of this.credentials.values()) {
      if (c.institutionId === input.institutionId && c.username === input.username) {
        throw new FlanksError('These credentials already exist in this company', 'DUPLICATE_CREDENTIAL');
      }
    }
    const at = wholeSecond(input.at);
    const credential: SimulatedCredential = {
      token: this.mintToken(),
      institutionId: input.institutionId,
      username: input.username,
      password: input.password,
      bankPassword: input.password,
      createdAt: at,
      // The first load takes a while; until it finishes the credential is Pending.
      loadAt: new Date(at.getTime() + this.random.int(5, 90) * 60_000),
      lastUpdateAt: null,
      lastScaAt: at, // the SCA of the first user interaction
      pending: true,
      blocked: false,
      scaToken: null,
      resetToken: null,
      errored: null,
    };
    this.credentials.set(credential.token, credential);
    this.tokens = null;
    this.changed.add(credential.token);
    return credential;
  }

  /** Finishes every creation load due by `at` (trigger 1 of the seed). */
  finishCreationLoads(at: Date): void {
    for (const c of this.credentials.values()) {
      if (c.pending && c.loadAt <= at) {
        this.extract(c, c.loadAt);
        c.pending = false; // "false when the initial extraction has finished, with or without errors"
      }
    }
  }

  /** The daily run (trigger 4), starting at `start`: every credential that neither needs SCA nor is blocked. */
  runDailyRefresh(startAt: Date): void {
    const start = startAt.getTime();
    const institutions = this.institutionList();
    for (const c of this.credentials.values()) {
      if (c.pending || c.blocked || c.scaToken) continue;
      const offsetMinutes = institutions.findIndex((i) => i.id === c.institutionId);
      this.extract(c, new Date(start + offsetMinutes * 60_000));
    }
  }

  /**
   * Outside CredOps, end users change passwords at their bank and fix some credentials themselves. A
   * few restless ones (one in RESTLESS_ONE_IN, picked by token) change it every few days and fix it
   * soon after: the credentials CredOps must learn to call "recurring".
   */
  simulateEndUsers(from: Date): void {
    for (const c of this.credentials.values()) {
      const institution = this.institution(c.institutionId);
      const restless = isRestless(c.token);
      if (this.random.chance(restless ? RESTLESS_PASSWORD_CHANGE_RATE : institution.passwordChangeRate)) {
        c.bankPassword = this.random.hex(12);
        this.changed.add(c.token);
      }
      const at = new Date(from.getTime() + this.random.int(0, 10 * 3600) * 1000);
      if (c.scaToken && this.random.chance(0.06)) this.completeScaFlow(c.scaToken, this.scaCodeFor(c.token), at);
      else if (c.blocked && c.resetToken && this.random.chance(restless ? RESTLESS_SELF_FIX_RATE : 0.03)) this.completeResetFlow(c.resetToken, c.bankPassword, at);
    }
  }

  /** The SCA flow in a Flanks Link: the end user passes the institution's one-time code. */
  completeScaFlow(scaToken: string, code: string, at: Date): SimulatedCredential {
    const c = this.findBy((x) => x.scaToken === scaToken, 'SCA session');
    if (code !== this.scaCodeFor(c.token)) throw new FlanksError('The one-time code is not valid', 'INVALID_SCA');
    c.scaToken = null;
    c.lastScaAt = wholeSecond(at);
    this.extract(c, at); // trigger 2: Pending SCA resolved
    return c;
  }

  /** The Reset flow in a Flanks Link: the end user gives the password the institution accepts now. */
  completeResetFlow(resetToken: string, newPassword: string, at: Date): SimulatedCredential {
    const c = this.findBy((x) => x.resetToken === resetToken, 'Reset session');
    if (newPassword !== c.bankPassword) throw new FlanksError('The institution rejected this password', 'INVALID_CREDENTIALS');
    c.password = newPassword;
    c.blocked = false;
    c.resetToken = null;
    c.lastScaAt = wholeSecond(at); // a Reset is a fresh login with the user present
    this.extract(c, at); // trigger 3: Blocked resolved
    return c;
  }

  /** The demo's one-time code for a credential's SCA challenge (the simulator's Link page shows it). */
  scaCodeFor(token: string): string {
    return String(parseInt(token.slice(0, 8), 16) % 1_000_000).padStart(6, '0');
  }

  injectOutage(outage: Outage): void {
    if (!this.outages.some((o) => o.institutionId === outage.institutionId && o.day === outage.day)) this.outages.push(outage);
  }

  // ------------------------------------------------------------------ internals

  /** One extraction attempt, with the outcome the institution decides. */
  private extract(c: SimulatedCredential, at: Date): void {
    const institution = this.institution(c.institutionId);
    this.changed.add(c.token);
    if (c.password !== c.bankPassword) {
      c.blocked = true;
      c.resetToken ??= this.mintFlowToken();
      return;
    }
    if (at.getTime() - c.lastScaAt.getTime() >= institution.scaCadenceDays * DAY_MS) {
      c.scaToken ??= this.mintFlowToken();
      return;
    }
    const outage = this.outages.some((o) => o.institutionId === c.institutionId && o.day === utcDay(at));
    if (this.random.chance(outage ? OUTAGE_FAILURE_RATE : institution.failureRate)) return; // data just gets older
    c.lastUpdateAt = wholeSecond(at);
    c.errored = this.random.chance(0.01) ? { product: { card: true }, transactions: { card: true } } : null;
  }

  private institution(id: string): SimulatedInstitution {
    const institution = this.institutions.get(id);
    if (!institution) throw new FlanksError(`Unknown institution ${id}`, 'NOT_FOUND');
    return institution;
  }

  private find(token: string): SimulatedCredential {
    const credential = this.credentials.get(token);
    if (!credential) throw new FlanksError('Unknown credentials_token', 'NOT_FOUND');
    return credential;
  }

  private findBy(match: (c: SimulatedCredential) => boolean, what: string): SimulatedCredential {
    for (const c of this.credentials.values()) if (match(c)) return c;
    throw new FlanksError(`Unknown ${what}`, 'NOT_FOUND');
  }

  /** A credentials_token: seeded, so the same seed names the same credentials (staff see them in every URL). */
  private mintToken(): string {
    return this.random.hex(32);
  }

  /**
   * An sca_token or reset_token: all the Flanks Link asks for to finish the flow (/simulator/link shows
   * the answer). SIMULATOR_SEED is public, so a token from the seeded generator could be rebuilt by
   * anyone: it comes from the system's random source. The seeded draw it replaced is still taken, so
   * every seed builds the same company as before, only with flow tokens of its own.
   */
  private mintFlowToken(): string {
    this.random.hex(32);
    return randomBytes(16).toString('hex');
  }
}
