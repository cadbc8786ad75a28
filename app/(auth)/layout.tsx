import type { ReactNode } from 'react';
import { Logo } from '@/components/brand/logo';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-8 flex items-center gap-3">
        <Logo className="h-9 w-9" />
        <span className="text-2xl font-semibold tracking-tight text-stone-900">Parallax</span>
      </div>
      <div className="w-full max-w-sm rounded-2xl bg-white p-8 shadow-sm ring-1 ring-stone-200">{children}</div>
      <p className="mt-8 max-w-sm text-center text-xs leading-relaxed text-stone-500">
        Compare how authors frame the same event: highlight, tag, check agreement, read side by side.
      </p>
    </main>
  );
}
