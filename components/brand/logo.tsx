/** Two offset lenses: two viewpoints on one event. */
export function Logo({ className = 'h-7 w-7' }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden>
      <circle cx="12" cy="16" r="9" fill="#4f46e5" fillOpacity="0.85" />
      <circle cx="20" cy="16" r="9" fill="#f59e0b" fillOpacity="0.8" style={{ mixBlendMode: 'multiply' }} />
    </svg>
  );
}
