'use server';
import { revalidatePath } from 'next/cache';
import {
  correctDocumentText,
  getDocument,
  updateDocumentMetadata,
  type CorrectionReport,
} from '@/lib/data/documents';
import { fromEditableText, toEditableText } from '@/lib/editor/editable-text';
import { toActionError, type ActionResult } from '@/lib/errors';
import type { DocumentMetadataInput } from '@/lib/validations/document';
import { requireActor } from '@/lib/session';

export async function updateDocumentMetadataAction(
  documentId: string,
  input: DocumentMetadataInput,
): Promise<ActionResult<{ title: string | null }>> {
  const { actor } = await requireActor();
  try {
    const doc = await updateDocumentMetadata(actor, documentId, input);
    revalidatePath('/projects', 'layout');
    return { ok: true, data: { title: doc.title } };
  } catch (error) {
    return toActionError(error, 'updateDocumentMetadataAction');
  }
}

/** A corrected text in the editable form (lib/editor/editable-text); re-anchors the annotations. */
export async function correctDocumentTextAction(documentId: string, editable: string): Promise<ActionResult<CorrectionReport>> {
  const { actor } = await requireActor();
  try {
    const report = await correctDocumentText(actor, documentId, { blocks: fromEditableText(String(editable)) });
    revalidatePath('/projects', 'layout');
    return { ok: true, data: report };
  } catch (error) {
    return toActionError(error, 'correctDocumentTextAction');
  }
}

/** The document's text in the editable form, loaded when the correction dialog opens. */
export async function getEditableTextAction(documentId: string): Promise<ActionResult<string>> {
  const { actor } = await requireActor();
  try {
    const doc = await getDocument(actor, documentId);
    return { ok: true, data: toEditableText(doc.text, doc.blocks) };
  } catch (error) {
    return toActionError(error, 'getEditableTextAction');
  }
}
