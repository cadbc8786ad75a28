import localFont from 'next/font/local';

// Fonts ship from npm and are served by the app itself: no request leaves the machine, which
// matters both offline and for analysts whose reading should not be reported to a font CDN.
export const sans = localFont({
  src: [
    { path: '../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2', style: 'normal', weight: '100 900' },
    { path: '../node_modules/@fontsource-variable/inter/files/inter-latin-wght-italic.woff2', style: 'italic', weight: '100 900' },
  ],
  variable: '--font-sans',
  display: 'swap',
});

export const serif = localFont({
  src: [
    { path: '../node_modules/@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-normal.woff2', style: 'normal', weight: '200 900' },
    { path: '../node_modules/@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-italic.woff2', style: 'italic', weight: '200 900' },
  ],
  variable: '--font-serif',
  display: 'swap',
});
