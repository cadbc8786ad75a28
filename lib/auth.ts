import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { startSession } from '@/lib/data/sessions';
import { verifyCredentials } from '@/lib/data/users';
import { AppError } from '@/lib/errors';
import { authConfig } from '@/lib/auth.config';
import { clientAddress } from '@/lib/client-address';

// Auth.js puts `code` in the redirect URL and hands it to the sign-in action; it carries only
// which of two messages to show, never which part of the credentials was wrong.
class SignInFailed extends CredentialsSignin {
  /** "invalid", or "rate_limited:Wait 4 seconds" (how long, from the throttle's message). */
  constructor(code: string) {
    super();
    this.code = code;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  logger: {
    // A failed sign-in is a normal event, not a server error worth a stack trace in the log.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error('[auth]', error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, request) {
        try {
          const user = await verifyCredentials({ email: credentials.email, password: credentials.password, address: request ? clientAddress(request.headers) : null });
          return { id: user.id, email: user.email, name: user.name, sid: await startSession(user.id) };
        } catch (error) {
          if (error instanceof AppError && error.code === 'RATE_LIMITED') throw new SignInFailed(`rate_limited:${/Wait \d+ \w+/.exec(error.message)?.[0] ?? 'Wait a few minutes'}`);
          if (error instanceof AppError) throw new SignInFailed('invalid');
          throw error;
        }
      },
    }),
  ],
});
