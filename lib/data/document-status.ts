import 'server-only';
import { documentLabel, quote } from '@/lib/activity';
import { getDb } from '@/lib/db';
import type { DocumentProgress } from '@/lib/generated/prisma/enums';
import { canAnnotate } from '@/lib/permissions';
import { documentStatusSchema, type DocumentStatusInput } from '@/lib/validations/annotation';
import { parseOrThrow } from '@/lib/validations/parse';
import { requireDocumentAccess, requireUserId } from './access';
import type { Actor } from './actor';
import { recordActivity } from './activity';

// Progress is per annotator and per document. It matters beyond bookkeeping: in blind coding,
// marking a document FINISHED is what opens the other annotators' layers of it (lib/data/visibility).

const statusWords: Record<DocumentProgress, string> = { NOT_STARTED: 'not started', IN_PROGRESS: 'in progress', FINISHED: 'finished' };

/** The actor's own progress on a document; a missing row means NOT_STARTED. */
export async function getDocumentStatus(actor: Actor, documentId: string): Promise<DocumentProgress> {
  const { documentId: id } = await requireDocumentAccess(actor, documentId);
  if (actor.kind !== 'user') return 'NOT_STARTED';
  const row = await getDb().documentStatus.findUnique({
    where: { documentId_userId: { documentId: id, userId: actor.userId } },
    select: { status: true },
  });
  return row?.status ?? 'NOT_STARTED';
}

/** Sets the actor's own progress on a document; members who may annotate only. */
export async function setDocumentStatus(
  actor: Actor,
  documentId: string,
  status: DocumentStatusInput,
): Promise<{ documentId: string; status: DocumentProgress }> {
  const { access, documentId: id } = await requireDocumentAccess(
    actor, documentId, canAnnotate, 'Your role in this project does not allow annotating, so it has no progress to record.',
  );
  const userId = requireUserId(actor);
  const value = parseOrThrow(documentStatusSchema, status);
  const key = { documentId_userId: { documentId: id, userId } };
  return getDb().$transaction(async (tx) => {
    const before = await tx.documentStatus.findUnique({ where: key, select: { status: true } });
    const row = await tx.documentStatus.upsert({
      where: key,
      create: { documentId: id, userId, projectId: access.project.id, status: value },
      update: { status: value },
      select: { documentId: true, status: true, document: { select: { title: true } } },
    });
    // Setting the status it already had changes nothing worth a line in the log.
    if ((before?.status ?? 'NOT_STARTED') !== value) {
      await recordActivity(tx, actor, access.project.id, {
        action: 'document.status',
        targetType: 'document',
        targetId: id,
        documentId: id,
        summary: `Marked ${quote(documentLabel(row.document.title), 80)} ${statusWords[value]}`,
      });
    }
    return { documentId: row.documentId, status: row.status };
  });
}
