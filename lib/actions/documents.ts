'use server';
import { runAction } from '@/lib/actions/run';
import { revalidatePath } from 'next/cache';
import {
  correctDocumentText,
  getDocument,
  updateDocumentMetadata,
  type CorrectionReport,
} from '@/lib/data/documents';
import { fromEditableText, toEditableText } from '@/lib/editor/editable-text';
import { type ActionResult } from '@/lib/errors';
import type { DocumentMetadataInput } from '@/lib/validations/document';

export async function updateDocumentMetadataAction(
  documentId: string,
  input: DocumentMetadataInput,
): Promise<ActionResult<{ title: string | null }>> {
  return runAction('updateDocumentMetadataAction', async (actor) => {
    const doc = await updateDocumentMetadata(actor, documentId, input);
    revalidatePath('/projects', 'layout');
    return { title: doc.title };
  });
}

/** A corrected text in the editable form (lib/editor/editable-text); re-anchors the annotations. */
export async function correctDocumentTextAction(documentId: string, editable: string): Promise<ActionResult<CorrectionReport>> {
  return runAction('correctDocumentTextAction', async (actor) => {
    const report = await correctDocumentText(actor, documentId, { blocks: fromEditableText(String(editable)) });
    revalidatePath('/projects', 'layout');
    return report;
  });
}

/** The document's text in the editable form, loaded when the correction dialog opens. */
export async function getEditableTextAction(documentId: string): Promise<ActionResult<string>> {
  return runAction('getEditableTextAction', async (actor) => {
    const doc = await getDocument(actor, documentId);
    return toEditableText(doc.text, doc.blocks);
  });
}
