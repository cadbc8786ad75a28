'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { cn } from '@/components/ui/cn';

export function ProjectTabs({ slug, tabs }: { slug: string; tabs: { href: string; label: string }[] }) {
  const pathname = usePathname();
  const base = `/projects/${slug}`;
  const nav = useRef<HTMLElement>(null);
  // On a narrow screen the tabs scroll sideways: the current one is brought into view.
  useEffect(() => {
    nav.current?.querySelector('[aria-current="page"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [pathname]);
  return (
    <nav
      ref={nav}
      aria-label="Project"
      className="no-print -mb-px flex gap-6 overflow-x-auto max-sm:gap-5 max-sm:[mask-image:linear-gradient(to_right,#000_calc(100%-2.5rem),transparent)] max-sm:pr-8"
    >
      {tabs.map((tab) => {
        const href = `${base}${tab.href}`;
        const active = tab.href === '' ? pathname === base || pathname.startsWith(`${base}/documents`) : pathname.startsWith(href);
        return (
          <Link
            key={tab.href}
            href={href}
            aria-current={active ? 'page' : undefined}
            className={cn(
              'whitespace-nowrap border-b-2 px-0.5 pb-3 text-sm font-medium transition-colors',
              active ? 'border-accent-600 text-accent-700' : 'border-transparent text-stone-600 hover:border-stone-300 hover:text-stone-900',
            )}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
