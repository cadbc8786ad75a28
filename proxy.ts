import NextAuth from 'next-auth';
import { NextResponse } from 'next/server';
import { authConfig } from '@/lib/auth.config';

// A first gate only: it sends visitors without a session cookie to sign-in. Authorisation is
// decided again in every page and data function (lib/session, lib/data), never here alone.
const { auth } = NextAuth(authConfig);
const publicPaths = ['/login', '/signup', '/api/auth'];

export default auth((request) => {
  const { pathname } = request.nextUrl;
  if (publicPaths.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return NextResponse.next();
  // API clients may authenticate with a personal token instead of a cookie; the route checks it.
  if (pathname.startsWith('/api/') && request.headers.get('authorization')?.startsWith('Bearer ')) return NextResponse.next();
  if (!request.auth) {
    if (pathname.startsWith('/api/')) {
      return NextResponse.json({ error: { code: 'UNAUTHENTICATED', message: 'Sign in or send an API token.' } }, { status: 401 });
    }
    const url = new URL('/login', request.nextUrl.origin);
    if (pathname !== '/') url.searchParams.set('next', pathname + request.nextUrl.search);
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
});

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|woff2)$).*)'],
};
