// Pure: how a document is named where the source states no title. The file it came from tells
// documents apart; nothing is invented.
export function displayTitle(doc: { title: string | null; sourceName?: string | null }): string {
  return doc.title ?? (doc.sourceName ? `Untitled (${doc.sourceName})` : 'Untitled');
}
