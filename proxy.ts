import { NextResponse, type NextRequest } from 'next/server';

// A first gate only: visitors without a session cookie go to sign-in (or get a JSON 401 from the
// API). Whether the cookie is valid is decided in every page, route and data function (lib/session,
// lib/api), never here. The proxy deliberately does not decode or refresh the session: a refreshed
// cookie set here could race the sign-out action's deletion of it and keep a user signed in.
//
// The REST API is not matched at all: every route handler authenticates its caller itself (lib/api.ts,
// which answers 401 in the same JSON shape), and running the proxy in front of each API call cost
// measurable CPU on the hottest path (every tag, edit and delete).
const publicPaths = ['/login', '/signup'];
const sessionCookies = ['authjs.session-token', '__Secure-authjs.session-token'];

export default function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (publicPaths.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return NextResponse.next();
  const hasSession = sessionCookies.some((name) => request.cookies.has(name) || request.cookies.has(`${name}.0`));
  if (!hasSession) {
    const url = new URL('/login', request.nextUrl.origin);
    if (pathname !== '/') url.searchParams.set('next', pathname + request.nextUrl.search);
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = {
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico|icon.svg|.*\\.(?:png|svg|ico|woff2)$).*)'],
};
