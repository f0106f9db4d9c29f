import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { db } from '@/server/db/client.ts';
import { env } from '@/server/env.ts';
import { AppError } from '@/lib/domain/app-error.ts';
import { clientIp } from '@/server/request/client-ip.ts';
import { matchSsoUser } from './match-sso-user.ts';
import { sessionTokens } from './session-token.ts';
import { signInWithPassword } from './sign-in-with-password.ts';

const SESSION_HOURS = 8;

export type SessionWithUserId = { userId?: string };
const signInInput = z.object({ email: z.string().trim().toLowerCase().email(), password: z.string().min(1).max(200) });

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET ?? 'credops-development-secret-not-for-production',
  session: { strategy: 'jwt', maxAge: SESSION_HOURS * 3600 },
  jwt: sessionTokens,
  pages: { signIn: '/sign-in' },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
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
    // SSO users get in only as an existing, active staff account with the same email.
    async signIn({ account, user }) {
      if (account?.provider !== 'oidc') return true;
      const staff = await matchSsoUser(db, user.email);
      if (!staff) return '/sign-in?error=NoStaffAccount';
      user.id = staff.id;
      return true;
    },
    jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    // Only the id travels in the session; role and active state are read fresh per request.
    session({ session, token }) {
      return { ...session, userId: token.sub };
    },
  },
};
