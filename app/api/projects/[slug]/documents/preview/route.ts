import { json, readBodyBytes, withApi } from '@/lib/api';
import { maxArticleFileBytes } from '@/lib/corpus';
import { previewImport } from '@/lib/data/documents';

/**
 * One article to clean for review (nothing is stored): the file as the raw body and ?name=<file
 * name>, or pasted text with ?paste=text|markdown|html[&name=<name>]. Answers the cleaned document,
 * or why it was refused.
 */
export const POST = withApi<{ slug: string }>(async ({ actor, params, request, url }) => {
  const name = url.searchParams.get('name') ?? '';
  const paste = url.searchParams.get('paste');
  // One byte past the limit is read, so that the cleaner reports the size in its own words.
  const bytes = await readBodyBytes(request, maxArticleFileBytes + 1, 'The file');
  const input =
    paste !== null
      ? { files: [], pasted: { text: new TextDecoder().decode(bytes), format: paste, name } }
      : { files: [{ name: name || 'upload', bytes }] };
  const [preview] = await previewImport(actor, params.slug, input);
  return json(preview ?? { sourceName: name, ok: false, error: 'Nothing to import: the text is empty.' });
});
