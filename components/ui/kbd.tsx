/** A key, as hints show it (the curation board, the annotation card). */
export function Kbd({ children }: { children: string }) {
  return <kbd className="rounded border border-stone-300 bg-stone-50 px-1 font-sans text-[11px] text-stone-600">{children}</kbd>;
}
