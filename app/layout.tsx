import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { sans, serif } from './fonts';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Parallax', template: '%s · Parallax' },
  description: 'Comparative viewpoint annotation: how each author frames the same event.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={`${sans.variable} ${serif.variable}`}>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
