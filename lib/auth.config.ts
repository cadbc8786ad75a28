import type { NextAuthConfig } from 'next-auth';

// The part of the Auth.js configuration that needs no database, shared by the proxy (which only
// decodes the session cookie) and lib/auth.ts (which adds the credentials provider).
export const authConfig = {
  // JWT sessions need no session table and no database round trip to check a cookie; lib/session
  // still loads the user from the database on every request so deleted accounts lose access.
  session: { strategy: 'jwt', maxAge: 60 * 60 * 24 * 30 },
  pages: { signIn: '/login' },
  trustHost: true,
  providers: [],
  callbacks: {
    // The cookie carries the user and the id of their server-side session (lib/data/sessions.ts),
    // which lib/session.ts checks on every request, so a session can end before the cookie expires.
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      const sid = (user as { sid?: string } | undefined)?.sid;
      if (sid) token.sid = sid;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      if (typeof token.sid === 'string') (session as { sid?: string }).sid = token.sid;
      return session;
    },
  },
} satisfies NextAuthConfig;
