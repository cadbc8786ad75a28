import { NotFoundPanel } from '@/components/layout/not-found-panel';

export default function NotFound() {
  return (
    <main className="px-4 pt-24">
      <NotFoundPanel />
    </main>
  );
}
