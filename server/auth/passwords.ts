import 'server-only';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonWords } from '@zxcvbn-ts/language-common';
import { dictionary as englishWords, translations } from '@zxcvbn-ts/language-en';
import bcrypt from 'bcryptjs';
import { randomBytes } from 'node:crypto';

// bcrypt at cost 12 (OWASP's floor for bcrypt); a hash made at another cost is redone at the next
// successful sign-in, when the password is at hand.
export const BCRYPT_COST = 12;
// A real hash of a random string at the same cost: an unknown email costs what a known one does.
const DUMMY_HASH = '$2b$12$xwcCOaeMmm1I9cznCKER8.rteAyz472HOyYkamJQNAaXrODCu1UVS';

export const hashPassword = (password: string) => bcrypt.hash(password, BCRYPT_COST);

export const verifyPassword = (password: string, hash: string | null | undefined) => bcrypt.compare(password, hash ?? DUMMY_HASH);

export const needsRehash = (hash: string) => bcrypt.getRounds(hash) !== BCRYPT_COST;

/** A password someone else is shown once (a new account, an Admin's reset): 96 random bits. */
export const newOneTimePassword = () => randomBytes(12).toString('base64url');

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
const MIN_SCORE = 3; // zxcvbn's "safely unguessable: moderate protection from offline slow-hash attacks"

const strength = new ZxcvbnFactory({ dictionary: { ...commonWords, ...englishWords }, graphs: adjacencyGraphs, translations });

/**
 * Why a new password is refused, or null when it is good: at least 12 characters, and not guessable
 * by zxcvbn (common passwords, words, names, keyboard patterns, dates, and the user's own email and
 * name), score 3 or more out of 4.
 */
export function passwordProblem(password: string, user: { email: string; name: string }): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  const result = strength.check(password, [user.email, user.email.split('@')[0], ...user.name.split(/\s+/), 'credops']);
  if (result.score >= MIN_SCORE) return null;
  const advice = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
  return `This password is too easy to guess.${advice ? ` ${advice}` : ''}`;
}
