'use client';
import { useEffect, useState } from 'react';
import type { PasswordStrength } from '@/lib/auth/password-strength';
import { cn } from '@/components/ui/cn';

const labels = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;
const colors = ['bg-red-500', 'bg-red-500', 'bg-amber-500', 'bg-emerald-500', 'bg-emerald-600'] as const;

/**
 * A strength meter for a new password, as the user types. The estimator and its dictionaries are
 * loaded only when this shows (they are large); the server runs the same check and decides.
 */
export function PasswordMeter({ password, userInputs, id }: { password: string; userInputs: readonly string[]; id: string }) {
  const [strength, setStrength] = useState<PasswordStrength | null>(null);
  const key = userInputs.join('\u0000');
  useEffect(() => {
    if (password === '') {
      setStrength(null);
      return;
    }
    let live = true;
    void import('@/lib/auth/password-strength').then(({ checkPasswordStrength }) => {
      if (live) setStrength(checkPasswordStrength(password, key.split('\u0000')));
    });
    return () => {
      live = false;
    };
  }, [password, key]);
  if (!strength) return <p id={id} className="mt-1 text-xs text-stone-500">At least 8 characters; a few unrelated words work well.</p>;
  const hint = strength.strongEnough ? '' : (strength.warning || strength.suggestions[0] || '');
  return (
    <div id={id} className="mt-1.5" aria-live="polite">
      <div className="flex gap-1" aria-hidden>
        {[0, 1, 2, 3].map((i) => (
          <span key={i} className={cn('h-1 flex-1 rounded-full', i < Math.max(1, strength.score) ? colors[strength.score] : 'bg-stone-200')} />
        ))}
      </div>
      <p className="mt-1 text-xs text-stone-600">
        <span className="font-medium">Strength: {labels[strength.score]}.</span> {password.length < 8 ? 'At least 8 characters.' : hint}
      </p>
    </div>
  );
}
