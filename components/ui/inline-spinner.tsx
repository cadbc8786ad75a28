import { cn } from './cn';

/** A small spinner to sit inside a button or beside a control while it saves; the text says what. */
export function InlineSpinner({ className }: { className?: string }) {
  return <span className={cn('inline-block h-3.5 w-3.5 shrink-0 animate-spin rounded-full border-2 border-current border-r-transparent', className)} aria-hidden />;
}
