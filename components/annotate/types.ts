import type { ReactNode } from 'react';
import type { CompactAnnotations, ViewAnnotation } from '@/lib/annotations/compact';
import type { CodebookAttribute, CodebookCategory } from '@/lib/data/codebook';
import type { TextBlock } from '@/lib/editor/to-tiptap';
import type { CommentsInit } from './use-comments';

export type { CompactAnnotations, ViewAnnotation, CodebookAttribute, CodebookCategory, TextBlock };

export type DocumentProgress = 'NOT_STARTED' | 'IN_PROGRESS' | 'FINISHED';

export type WorkspaceProps = {
  document: { id: string; text: string; blocks: TextBlock[] };
  categories: CodebookCategory[];
  attributes: CodebookAttribute[];
  /** Every annotation the user may see — their own, other layers allowed to them, the consensus — compact. */
  annotations: CompactAnnotations;
  me: { id: string; name: string };
  canAnnotate: boolean;
  /** False while blind coding hides other annotators' layers from this user. */
  othersVisible: boolean;
  blindCoding: boolean;
  status: DocumentProgress;
  /** 'all' shows every visible layer from the start (the page's ?layers=all), else only the user's own. */
  initialLayers?: 'mine' | 'all';
  /** A character offset to scroll into view when the document opens (?at=…). */
  initialOffset?: number;
  /** The document's comment threads and the project's members; without it no threads are shown. */
  comments?: CommentsInit;
  /** Server-rendered panels shown as tabs beside the annotations list. */
  extraTabs?: { id: string; label: string; content: ReactNode }[];
};

/** The editable part of an annotation, for edits and their undo. */
export type { AnnotationFields } from '@/lib/editor/annotation-sync';
