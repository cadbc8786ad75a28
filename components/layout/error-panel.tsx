'use client';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';

/**
 * A page that failed to load. It asks /api/health whether the database answers: when it does not,
 * the failure is an outage, said as such (and retried by the user when it is back), not a bug.
 */
export function ErrorPanel({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const [outage, setOutage] = useState(false);
  useEffect(() => {
    let stopped = false;
    fetch('/api/health', { cache: 'no-store' })
      .then((r) => !stopped && setOutage(r.status === 503))
      .catch(() => !stopped && setOutage(true));
    return () => {
      stopped = true;
    };
  }, []);
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-xl bg-white p-8 text-center shadow-sm ring-1 ring-stone-200">
      <h2 className="text-base font-semibold text-stone-900">{outage ? 'The database is not answering' : 'Something went wrong'}</h2>
      <p className="mt-2 text-sm text-stone-600">
        {outage
          ? 'Parallax cannot reach its database right now, so this page could not be loaded. Try again in a few seconds.'
          : `The page could not be loaded. Nothing you saved was lost.${error.digest ? ` (Reference ${error.digest})` : ''}`}
      </p>
      <Button className="mt-6" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
