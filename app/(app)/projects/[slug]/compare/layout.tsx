import type { ReactNode } from 'react';
import { Suspense } from 'react';
import { CompareNav } from '@/components/compare/compare-nav';
import { getProjectCached, orNotFound } from '@/lib/page-data';
import { requireActor } from '@/lib/session';

export default async function CompareLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { actor } = await requireActor();
  const { project } = await orNotFound(getProjectCached(actor, slug));
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 className="font-semibold text-stone-900">Compare</h2>
          {/* The project's own question, not copy written for one study. */}
          <p className="mt-1 max-w-3xl text-sm text-stone-600">
            {project.question ? <span className="font-medium text-stone-800">{project.question}</span> : 'How each author frames your study’s question, '}
            {project.question ? ' Where the authors differ, factor by factor; every figure opens the passages behind it.' : 'and where they differ. Every figure opens the passages behind it. (An owner sets the research question in Settings.)'}
          </p>
        </div>
        <Suspense>
          <CompareNav slug={slug} />
        </Suspense>
      </div>
      {children}
    </div>
  );
}
