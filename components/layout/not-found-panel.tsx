import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';

export function NotFoundPanel() {
  return (
    <div className="mx-auto max-w-lg rounded-xl bg-white p-8 text-center shadow-sm ring-1 ring-stone-200">
      <p className="text-sm font-semibold text-accent-600">404</p>
      <h2 className="mt-1 text-base font-semibold text-stone-900">Not found</h2>
      <p className="mt-2 text-sm text-stone-600">It does not exist, or you are not a member of the project it belongs to.</p>
      <Link href="/projects" className={buttonClass('secondary', 'mt-6')}>
        Back to projects
      </Link>
    </div>
  );
}
