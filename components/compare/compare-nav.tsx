'use client';
import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { cn } from '@/components/ui/cn';

// The comparison views share their filters: switching view keeps the source layer, annotators,
// articles, factors and attribute value in the URL.
const shared = ['layer', 'annotators', 'documents', 'categories', 'attr'];

export function CompareNav({ slug }: { slug: string }) {
  const pathname = usePathname();
  const params = useSearchParams();
  const base = `/projects/${slug}/compare`;
  const keep = new URLSearchParams();
  for (const k of shared) for (const v of params.getAll(k)) keep.append(k, v);
  const views = [
    { href: base, label: 'Framing matrix' },
    { href: `${base}/reader`, label: 'Side by side' },
    { href: `${base}/profiles`, label: 'Profiles' },
    { href: `${base}/similarity`, label: 'Similarity' },
  ];
  return (
    <nav aria-label="Comparison views" className="no-print flex flex-wrap rounded-lg bg-stone-100 p-1 text-sm">
      {views.map((v) => {
        const active = v.href === base ? pathname === base : pathname.startsWith(v.href);
        return (
          <Link
            key={v.href}
            href={`${v.href}${keep.size > 0 ? `?${keep.toString()}` : ''}`}
            aria-current={active ? 'page' : undefined}
            className={cn('rounded-md px-3 py-1.5 font-medium', active ? 'bg-white text-stone-900 shadow-sm' : 'text-stone-600 hover:text-stone-900')}
          >
            {v.label}
          </Link>
        );
      })}
    </nav>
  );
}
