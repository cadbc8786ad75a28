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
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
} satisfies NextAuthConfig;
