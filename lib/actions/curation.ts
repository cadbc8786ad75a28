'use server';
import {
  applyMergeRule,
  decideCuration,
  getCurationView,
  removeConsensusPassage,
  setCurationStatus,
  type CurationView,
  type DecisionResult,
  type DecisionDto,
  type MergeResult,
} from '@/lib/data/curation';
import { toActionError, type ActionResult } from '@/lib/errors';
import type { ApplyMergeInput, CurationDecisionInput } from '@/lib/validations/agreement';
import type { CurationStatus } from '@/lib/generated/prisma/enums';
import { requireActor } from '@/lib/session';

// Thin doors onto lib/data/curation: who is asking, the call, the { ok } shape. The curation board
// reloads its view after each write (refreshCurationAction), so nothing here revalidates paths.

async function run<T>(context: string, work: (actor: Awaited<ReturnType<typeof requireActor>>['actor']) => Promise<T>): Promise<ActionResult<T>> {
  const { actor } = await requireActor();
  try {
    return { ok: true, data: await work(actor) };
  } catch (error) {
    return toActionError(error, context);
  }
}

export async function refreshCurationAction(documentId: string, annotators: string[]): Promise<ActionResult<CurationView>> {
  return run('refreshCurationAction', (actor) => getCurationView(actor, documentId, { annotators }));
}

export async function applyMergeRuleAction(documentId: string, input: ApplyMergeInput): Promise<ActionResult<MergeResult>> {
  return run('applyMergeRuleAction', (actor) => applyMergeRule(actor, documentId, input));
}

export async function decideCurationAction(documentId: string, input: CurationDecisionInput): Promise<ActionResult<DecisionResult>> {
  return run('decideCurationAction', (actor) => decideCuration(actor, documentId, input));
}

export async function removeConsensusAction(documentId: string, consensusId: string): Promise<ActionResult<DecisionDto>> {
  return run('removeConsensusAction', (actor) => removeConsensusPassage(actor, documentId, consensusId));
}

export async function setCurationStatusAction(documentId: string, status: CurationStatus): Promise<ActionResult<{ documentId: string; status: CurationStatus }>> {
  return run('setCurationStatusAction', (actor) => setCurationStatus(actor, documentId, status));
}
