export { toCanonical, joinBlocks, blockSeparator, type ContentRange } from './canonical';
export { CorpusError, isCorpusError, type CorpusErrorCode } from './errors';
export { parseHtml } from './html';
export { importFile, importPastedText, maxArticleFileBytes, type ImportFormat } from './import';
export { parseMarkdown } from './markdown';
export { cleanText } from './plain-text';
export type { ArticleMetadata, Block, CleanDocument } from './types';
