import type { ReactNode } from 'react';
import { Suspense } from 'react';
import { CompareNav } from '@/components/compare/compare-nav';

export default async function CompareLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 className="font-semibold text-stone-900">Compare</h2>
          <p className="mt-1 max-w-3xl text-sm text-stone-600">How each author frames the failure of the talks, and where they differ. Every figure opens the passages behind it.</p>
        </div>
        <Suspense>
          <CompareNav slug={slug} />
        </Suspense>
      </div>
      {children}
    </div>
  );
}
