'use client';

/**
 * The first tab stop of every page: past the header and the project's tabs, to the page's own
 * content. A page whose work is one control (the document text) marks it `data-skip-target`, and
 * the link goes straight there.
 */
export function SkipLink() {
  return (
    <a
      href="#main"
      onClick={(e) => {
        const target = document.querySelector<HTMLElement>('[data-skip-target]') ?? document.getElementById('main');
        if (!target) return;
        e.preventDefault();
        target.focus({ preventScroll: false });
      }}
      className="sr-only z-50 rounded-md bg-accent-600 px-3 py-2 text-sm font-medium text-white focus:not-sr-only focus:fixed focus:left-3 focus:top-3"
    >
      Skip to content
    </a>
  );
}
