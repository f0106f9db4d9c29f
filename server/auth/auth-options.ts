import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { headers } from 'next/headers';
import { z } from 'zod';
import { AppError } from '@/lib/domain/app-error.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { db } from '@/server/db/client.ts';
import { env } from '@/server/env.ts';
import { clientIp } from '@/server/request/client-ip.ts';
import { matchSsoUser } from './match-sso-user.ts';
import { sessionTokens } from './session-token.ts';
import { signInWithPassword } from './sign-in-with-password.ts';
import { endStaffSession, openStaffSession } from './staff-sessions.ts';

const SESSION_SECONDS = env.SESSION_MAX_AGE_HOURS * 3600;

/** What the session cookie carries: the user's id and the id of this browser's StaffSession row. */
export type SessionIds = { userId?: string; sessionId?: string };
const signInInput = z.object({ email: z.string().trim().toLowerCase().email(), password: z.string().min(1).max(200), code: z.string().max(40).optional() });

const requestIp = async () => clientIp(await headers());

/** Only CredOps' own pages as a destination after signing in or out: `callbackUrl` is the visitor's to choose. */
export function sameOriginRedirect(url: string, baseUrl: string): string {
  try {
    const target = new URL(url, baseUrl);
    return target.origin === new URL(baseUrl).origin ? target.toString() : baseUrl;
  } catch {
    return baseUrl;
  }
}

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET ?? 'credops-development-secret-not-for-production',
  // The token lives exactly as long as the session; the StaffSession row decides before that.
  session: { strategy: 'jwt', maxAge: SESSION_SECONDS },
  jwt: { ...sessionTokens, maxAge: SESSION_SECONDS },
  pages: { signIn: '/sign-in' },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' }, code: { label: 'Authentication code', type: 'text' } },
      async authorize(raw, request) {
        const parsed = signInInput.safeParse(raw);
        if (!parsed.success) return null;
        try {
          return await signInWithPassword(db, { ...parsed.data, ip: clientIp(request.headers) });
        } catch (error) {
          // next-auth passes a thrown message to the sign-in form; null means "wrong email or password".
          if (error instanceof AppError) throw new Error(error.message);
          throw error;
        }
      },
    }),
    ...(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET
      ? [
          {
            id: 'oidc',
            name: 'SSO',
            type: 'oauth' as const,
            wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, '')}/.well-known/openid-configuration`,
            clientId: env.OIDC_CLIENT_ID,
            clientSecret: env.OIDC_CLIENT_SECRET,
            authorization: { params: { scope: 'openid email profile' } },
            idToken: true,
            checks: ['pkce' as const, 'state' as const],
            profile: (p: { sub: string; email?: string; name?: string }) => ({ id: p.sub, email: p.email ?? null, name: p.name ?? p.email ?? null }),
          },
        ]
      : []),
  ],
  callbacks: {
    // SSO users get in only as an existing, active staff account whose address the provider verified.
    async signIn({ account, user, profile }) {
      if (account?.provider !== 'oidc') return true;
      const verified = (profile as { email_verified?: unknown } | undefined)?.email_verified === true;
      const staff = await matchSsoUser(db, user.email, await requestIp(), { emailVerified: verified });
      if (!staff) return verified ? '/sign-in?error=NoStaffAccount' : '/sign-in?error=EmailNotVerified';
      user.id = staff.id;
      return true;
    },
    // At sign-in (a user is present) a StaffSession starts; afterwards the token only carries its id.
    async jwt({ token, user, account }) {
      if (user) {
        token.sub = user.id;
        token.sid = await openStaffSession(db, { userId: user.id, method: account?.provider === 'oidc' ? 'sso' : 'password', ip: await requestIp() });
      }
      return token;
    },
    // Only the ids travel in the session; role, active state and the session's own state are read per request.
    session({ session, token }) {
      return { ...session, userId: token.sub, sessionId: typeof token.sid === 'string' ? token.sid : undefined };
    },
    redirect({ url, baseUrl }) {
      return sameOriginRedirect(url, baseUrl);
    },
  },
  events: {
    async signOut({ token }) {
      const sessionId = typeof token?.sid === 'string' ? token.sid : null;
      if (!sessionId || !token?.sub) return;
      const ip = await requestIp();
      await db.$transaction(async (tx) => {
        if (!(await endStaffSession(tx, sessionId, 'signOut'))) return;
        const user = await tx.user.findUnique({ where: { id: token.sub! }, select: { id: true, email: true } });
        if (user) await recordAuditEvent(tx, { actor: user, action: 'auth.signOut', target: { type: 'user', id: user.id }, ip });
      });
    },
  },
};
