'use server';
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
import { toActionError, toVersionedActionError, type ActionResult, type VersionedActionResult } from '@/lib/errors';
import type { DocumentProgress } from '@/lib/generated/prisma/enums';
import type { AnnotationLayerInput, CreateAnnotationInput, DocumentStatusInput, UpdateAnnotationInput } from '@/lib/validations/annotation';
import { requireActor } from '@/lib/session';

// No revalidatePath here: the annotation workspace keeps its own state from these results, and the
// pages that show counts are rendered per request anyway.

export type AnnotationActionResult<T> = VersionedActionResult<T, AnnotationDto>;

export async function listAnnotationsAction(documentId: string, layer: AnnotationLayerInput): Promise<ActionResult<AnnotationDto[]>> {
  const { actor } = await requireActor();
  try {
    return { ok: true, data: await listAnnotations(actor, documentId, { layer }) };
  } catch (error) {
    return toActionError(error, 'listAnnotationsAction');
  }
}

/** The document's visible annotations in the view's compact form: the workspace re-reads after a gap in the live stream. */
export async function listAnnotationsForViewAction(documentId: string): Promise<ActionResult<CompactAnnotations>> {
  const { actor } = await requireActor();
  try {
    return { ok: true, data: await listAnnotationsForView(actor, documentId) };
  } catch (error) {
    return toActionError(error, 'listAnnotationsForViewAction');
  }
}

export async function createAnnotationAction(
  documentId: string,
  input: CreateAnnotationInput,
): Promise<ActionResult<{ annotation: AnnotationDto; created: boolean }>> {
  const { actor } = await requireActor();
  try {
    return { ok: true, data: await createAnnotation(actor, documentId, input) };
  } catch (error) {
    return toActionError(error, 'createAnnotationAction');
  }
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
  const { actor } = await requireActor();
  try {
    return { ok: true, data: await deleteAnnotation(actor, annotationId) };
  } catch (error) {
    return toActionError(error, 'deleteAnnotationAction');
  }
}

export async function restoreAnnotationAction(annotationId: string): Promise<ActionResult<AnnotationDto>> {
  const { actor } = await requireActor();
  try {
    return { ok: true, data: await restoreAnnotation(actor, annotationId) };
  } catch (error) {
    return toActionError(error, 'restoreAnnotationAction');
  }
}

export async function setDocumentStatusAction(
  documentId: string,
  status: DocumentStatusInput,
): Promise<ActionResult<{ documentId: string; status: DocumentProgress }>> {
  const { actor } = await requireActor();
  try {
    return { ok: true, data: await setDocumentStatus(actor, documentId, status) };
  } catch (error) {
    return toActionError(error, 'setDocumentStatusAction');
  }
}
