import { displayTitle } from '@/lib/corpus/titles';

type Named = { title: string | null; label?: string | null; sourceName?: string | null };

/**
 * A document's name in a list or heading: its stated title, or, where the source states none, its
 * first words, set in quotation marks and italics with a "first words" mark, so that nobody takes
 * them for a title.
 */
export function DocumentName({ doc }: { doc: Named }) {
  if (doc.title) return <>{doc.title}</>;
  if (!doc.label) return <span className="text-stone-500">{displayTitle(doc)}</span>;
  return (
    <span className="italic text-stone-700" title="The source states no title: the article is labelled by its first words.">
      “{doc.label}”
      {/* The mark is drawn by CSS and hidden from assistive technology, so that the article's
          name (a link's text, a test's locator) is the quoted label alone. */}
      <span
        aria-hidden
        className="ml-1.5 inline-block rounded bg-stone-100 px-1.5 py-px align-middle text-[10px] font-medium uppercase not-italic tracking-wide text-stone-600 after:content-['first_words']"
      />
    </span>
  );
}
