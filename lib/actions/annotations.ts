'use server';
import { runAction } from '@/lib/actions/run';
import {
  createAnnotation,
  deleteAnnotation,
  listAnnotations,
  listAnnotationsForView,
  restoreAnnotation,
  updateAnnotation,
  type AnnotationDto,
} from '@/lib/data/annotations';
import { setDocumentStatus } from '@/lib/data/document-status';
import type { CompactAnnotations } from '@/lib/annotations/compact';
import { toVersionedActionError, type ActionResult, type VersionedActionResult } from '@/lib/errors';
import type { DocumentProgress } from '@/lib/generated/prisma/enums';
import type { AnnotationLayerInput, CreateAnnotationInput, DocumentStatusInput, UpdateAnnotationInput } from '@/lib/validations/annotation';
import { requireActor } from '@/lib/session';

// No revalidatePath here: the annotation workspace keeps its own state from these results, and the
// pages that show counts are rendered per request anyway.

export type AnnotationActionResult<T> = VersionedActionResult<T, AnnotationDto>;

export async function listAnnotationsAction(documentId: string, layer: AnnotationLayerInput): Promise<ActionResult<AnnotationDto[]>> {
  return runAction('listAnnotationsAction', (actor) => listAnnotations(actor, documentId, { layer }));
}

/** The document's visible annotations in the view's compact form: the workspace re-reads after a gap in the live stream. */
export async function listAnnotationsForViewAction(documentId: string): Promise<ActionResult<CompactAnnotations>> {
  return runAction('listAnnotationsForViewAction', (actor) => listAnnotationsForView(actor, documentId));
}

export async function createAnnotationAction(
  documentId: string,
  input: CreateAnnotationInput,
): Promise<ActionResult<{ annotation: AnnotationDto; created: boolean }>> {
  return runAction('createAnnotationAction', (actor) => createAnnotation(actor, documentId, input));
}

export async function updateAnnotationAction(annotationId: string, input: UpdateAnnotationInput): Promise<AnnotationActionResult<AnnotationDto>> {
  const { actor } = await requireActor();
  try {
    return { ok: true, data: await updateAnnotation(actor, annotationId, input) };
  } catch (error) {
    return toVersionedActionError<AnnotationDto>(error, 'updateAnnotationAction');
  }
}

export async function deleteAnnotationAction(annotationId: string): Promise<ActionResult<{ id: string; version: number }>> {
  return runAction('deleteAnnotationAction', (actor) => deleteAnnotation(actor, annotationId));
}

export async function restoreAnnotationAction(annotationId: string): Promise<ActionResult<AnnotationDto>> {
  return runAction('restoreAnnotationAction', (actor) => restoreAnnotation(actor, annotationId));
}

export async function setDocumentStatusAction(
  documentId: string,
  status: DocumentStatusInput,
): Promise<ActionResult<{ documentId: string; status: DocumentProgress }>> {
  return runAction('setDocumentStatusAction', (actor) => setDocumentStatus(actor, documentId, status));
}
