'use server';
import { revalidatePath } from 'next/cache';
import {
  correctDocumentText,
  getDocument,
  importDocuments,
  previewImport,
  updateDocumentMetadata,
  type CorrectionReport,
  type ImportPreview,
} from '@/lib/data/documents';
import { fromEditableText, toEditableText } from '@/lib/editor/editable-text';
import { toActionError, type ActionResult } from '@/lib/errors';
import type { DocumentMetadataInput, ImportedDocumentInput } from '@/lib/validations/document';
import { requireActor } from '@/lib/session';

const maxUploadBytes = 2 * 1024 * 1024;

/** Cleans the chosen files and pasted text for review; stores nothing. */
export async function previewImportAction(projectSlug: string, form: FormData): Promise<ActionResult<ImportPreview[]>> {
  const { actor } = await requireActor();
  try {
    const files: { name: string; bytes: Uint8Array }[] = [];
    for (const entry of form.getAll('files')) {
      if (typeof entry === 'string') continue;
      // Read at most one byte past the limit: enough for the cleaner to report TOO_LARGE.
      const bytes = new Uint8Array(await entry.slice(0, maxUploadBytes + 1).arrayBuffer());
      files.push({ name: entry.name, bytes });
    }
    const text = String(form.get('pasted') ?? '');
    const pasted = text.trim() ? { text, format: String(form.get('format') ?? 'text'), name: String(form.get('pastedName') ?? '') } : undefined;
    return { ok: true, data: await previewImport(actor, projectSlug, { files, pasted }) };
  } catch (error) {
    return toActionError(error, 'previewImportAction');
  }
}

export async function importDocumentsAction(
  projectSlug: string,
  documents: ImportedDocumentInput[],
): Promise<ActionResult<{ id: string; title: string | null }[]>> {
  const { actor } = await requireActor();
  try {
    const created = await importDocuments(actor, projectSlug, { documents });
    revalidatePath(`/projects/${projectSlug}`);
    return { ok: true, data: created };
  } catch (error) {
    return toActionError(error, 'importDocumentsAction');
  }
}

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
