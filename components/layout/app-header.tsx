import Link from 'next/link';
import { Logo } from '@/components/brand/logo';
import { signOutAction } from '@/lib/actions/auth';

export function AppHeader({ user }: { user: { name: string; email: string } }) {
  return (
    <header data-app-header className="no-print sticky top-0 z-30 border-b border-stone-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-7xl items-center justify-between px-4 sm:px-6">
        <Link href="/projects" className="flex items-center gap-2.5 rounded-md">
          <Logo />
          <span className="text-base font-semibold tracking-tight">Parallax</span>
        </Link>
        <div className="flex items-center gap-4 text-sm">
          <span className="hidden text-stone-600 sm:inline" title={user.email}>
            {user.name}
          </span>
          <Link href="/settings" className="rounded-md px-2.5 py-1.5 text-stone-600 hover:bg-stone-100 hover:text-stone-900">Settings</Link>
          <form action={signOutAction}>
            <button type="submit" className="rounded-md px-2.5 py-1.5 text-stone-600 hover:bg-stone-100 hover:text-stone-900">
              Sign out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
