'use client';
import { Button } from '@/components/ui/button';

export function ErrorPanel({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-xl bg-white p-8 text-center shadow-sm ring-1 ring-stone-200">
      <h2 className="text-base font-semibold text-stone-900">Something went wrong</h2>
      <p className="mt-2 text-sm text-stone-600">
        The page could not be loaded. Nothing you saved was lost.{error.digest ? ` (Reference ${error.digest})` : ''}
      </p>
      <Button className="mt-6" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
