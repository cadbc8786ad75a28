import 'server-only';
import { randomUUID } from 'node:crypto';
import { documentLabel, plural, quote } from '@/lib/activity';
import {
  clusterSpans,
  describeMergePlan,
  isSettled,
  mergeRuleLabels,
  planMerge,
  variantKey,
  type Cluster,
  type CurationSpan,
  type MergePlan,
  type MergeRule,
  type Passage,
} from '@/lib/curation/clusters';
import { getDb } from '@/lib/db';
import { AppError, ConflictError } from '@/lib/errors';
import type { CurationDecisionKind, CurationStatus, Prisma } from '@/lib/generated/prisma/client';
import { isUuid } from '@/lib/ids';
import { canCurate } from '@/lib/permissions';
import {
  applyMergeSchema,
  curationDecisionSchema,
  curationScopeSchema,
  curationStatusSchema,
  type ApplyMergeInput,
  type CurationDecisionInput,
} from '@/lib/validations/agreement';
import { parseOrThrow } from '@/lib/validations/parse';
import { requireDocumentAccess, requireProjectAccess, requireUserId } from './access';
import type { Actor } from './actor';
import { recordActivity } from './activity';
import {
  attributeValues,
  categoryProblem,
  loadCodebookIndex,
  resolveAttributes,
  spanContext,
  throwIfProblems,
  type CodebookIndex,
} from './annotations';
import type { DocumentBlock } from './documents';

// The consensus layer of a document, built by a curator from the annotators' layers (see
// lib/curation for the review items and merge rules). Every write here runs in one transaction
// that first takes a per-document advisory lock, so two curators working on the same document at
// once cannot both accept the same passage: the second sees the first's decision and gets CONFLICT.

const curatorsOnly = 'Only curators and owners build the consensus layer.';

export type DecisionDto = {
  id: string;
  kind: CurationDecisionKind;
  rule: string | null;
  categoryId: string;
  categoryName: string;
  start: number;
  end: number;
  quote: string;
  consensusId: string | null;
  sourceIds: string[];
  sourceAnnotatorIds: string[];
  curator: { id: string; name: string } | null;
  revoked: boolean;
  createdAt: string;
};

export type ConsensusPassage = {
  id: string;
  categoryId: string;
  start: number;
  end: number;
  quote: string;
  note: string;
  attributes: Record<string, string>;
  version: number;
  /** The decision that put it there, when there is one. */
  decisionId: string | null;
};

export type CurationView = {
  document: { id: string; title: string | null; author: string | null; text: string; blocks: DocumentBlock[] };
  status: CurationStatus;
  /** Annotators with spans in this document; `chosen` are the ones being curated. */
  annotators: { id: string; name: string; spanCount: number }[];
  chosen: string[];
  /** Review items still to decide, and the ones already decided. */
  open: Cluster[];
  settledCount: number;
  consensus: ConsensusPassage[];
  decisions: DecisionDto[];
  /** What each merge rule would do with the open items, in numbers and in words. */
  plans: Record<MergeRule, MergePlan & { summary: string[] }>;
};

type Db = Prisma.TransactionClient;

/** Spans of the annotator layers of a document, with attribute values as key → value. */
async function loadSpans(db: Db, documentId: string, codebook: CodebookIndex): Promise<CurationSpan[]> {
  const rows = await db.annotation.findMany({
    where: { documentId, layer: 'ANNOTATOR', deletedAt: null },
    orderBy: [{ start: 'asc' }, { end: 'desc' }],
    select: { id: true, version: true, annotatorId: true, categoryId: true, start: true, end: true, note: true, attributes: { select: { attributeId: true, optionId: true } } },
  });
  return rows.map((r) => ({ id: r.id, version: r.version, annotatorId: r.annotatorId, categoryId: r.categoryId, start: r.start, end: r.end, note: r.note, attributes: attributeValues(codebook, r.attributes) }));
}

/** Annotation id → the version a live decision settled it at (the latest decision wins). */
async function loadSettled(db: Db, documentId: string): Promise<Map<string, number>> {
  const rows = await db.curationDecision.findMany({
    where: { documentId, revokedAt: null, kind: { not: 'REMOVED' } },
    orderBy: { createdAt: 'asc' },
    select: { sourceIds: true, sourceVersions: true },
  });
  const settled = new Map<string, number>();
  for (const r of rows) r.sourceIds.forEach((id, i) => settled.set(id, r.sourceVersions[i] ?? 0));
  return settled;
}

type State = {
  projectId: string;
  title: string | null;
  text: string;
  codebook: CodebookIndex;
  spans: CurationSpan[];
  annotators: { id: string; name: string; spanCount: number }[];
  chosen: string[];
  open: Cluster[];
  settledCount: number;
};

async function loadState(db: Db, projectId: string, documentId: string, chosenInput: string[] | undefined): Promise<State> {
  const [doc, codebook, settled] = await Promise.all([
    db.document.findUniqueOrThrow({ where: { id: documentId }, select: { title: true, text: true } }),
    loadCodebookIndex(projectId),
    loadSettled(db, documentId),
  ]);
  const spans = await loadSpans(db, documentId, codebook);
  const counts = new Map<string, number>();
  for (const s of spans) counts.set(s.annotatorId, (counts.get(s.annotatorId) ?? 0) + 1);
  const users = await db.user.findMany({ where: { id: { in: [...counts.keys()] } }, select: { id: true, name: true } });
  const annotators = users.map((u) => ({ id: u.id, name: u.name, spanCount: counts.get(u.id) ?? 0 })).sort((a, b) => a.name.localeCompare(b.name));
  if (chosenInput) {
    const unknown = chosenInput.filter((id) => !counts.has(id));
    if (unknown.length > 0) throw new AppError('INVALID', `annotators: ${unknown.join(', ')} ${unknown.length === 1 ? 'has' : 'have'} no annotations in this document.`);
  }
  const chosen = chosenInput && chosenInput.length > 0 ? annotators.filter((a) => chosenInput.includes(a.id)).map((a) => a.id) : annotators.map((a) => a.id);
  const clusters = clusterSpans(spans.filter((s) => chosen.includes(s.annotatorId)), chosen);
  const open = clusters.filter((c) => !isSettled(c, settled));
  return { projectId, title: doc.title, text: doc.text, codebook, spans, annotators, chosen, open, settledCount: clusters.length - open.length };
}

async function requireCuration(actor: Actor, documentId: string, options: { reading?: boolean } = {}) {
  return requireDocumentAccess(actor, documentId, canCurate, curatorsOnly, options);
}

/** Everything the curation page shows for one document. */
export async function getCurationView(actor: Actor, documentId: string, scope: { annotators?: string | string[] } = {}): Promise<CurationView> {
  const { access, documentId: id } = await requireCuration(actor, documentId, { reading: true });
  const { annotators } = parseOrThrow(curationScopeSchema, scope);
  const db = getDb();
  const [state, doc, curation, consensusRows, decisionRows] = await Promise.all([
    loadState(db, access.project.id, id, annotators),
    db.document.findUniqueOrThrow({ where: { id }, select: { title: true, author: true, text: true, content: true } }),
    db.documentCuration.findUnique({ where: { documentId: id }, select: { status: true } }),
    db.annotation.findMany({
      where: { documentId: id, layer: 'CONSENSUS', deletedAt: null },
      orderBy: [{ start: 'asc' }, { end: 'desc' }],
      select: { id: true, categoryId: true, start: true, end: true, quote: true, note: true, version: true, attributes: { select: { attributeId: true, optionId: true } } },
    }),
    db.curationDecision.findMany({ where: { documentId: id }, orderBy: { createdAt: 'desc' }, take: 500, include: { curator: { select: { id: true, name: true } } } }),
  ]);
  const decisionOf = new Map<string, string>();
  for (const d of [...decisionRows].reverse()) if (d.consensusId && !d.revokedAt && d.kind !== 'REMOVED') decisionOf.set(d.consensusId, d.id);
  const plans = Object.fromEntries(
    (['all', 'majority', 'any'] as const).map((rule) => {
      const plan = planMerge(state.open, rule, state.chosen.length);
      return [rule, { ...plan, summary: describeMergePlan(plan) }];
    }),
  ) as CurationView['plans'];
  return {
    document: { id, title: doc.title, author: doc.author, text: doc.text, blocks: doc.content as CurationView['document']['blocks'] },
    status: curation?.status ?? 'NOT_STARTED',
    annotators: state.annotators,
    chosen: state.chosen,
    open: state.open,
    settledCount: state.settledCount,
    consensus: consensusRows.map((r) => ({
      id: r.id, categoryId: r.categoryId, start: r.start, end: r.end, quote: r.quote, note: r.note, version: r.version,
      attributes: attributeValues(state.codebook, r.attributes), decisionId: decisionOf.get(r.id) ?? null,
    })),
    decisions: decisionRows.map(toDecisionDto),
    plans,
  };
}

function toDecisionDto(d: Prisma.CurationDecisionGetPayload<{ include: { curator: { select: { id: true; name: true } } } }>): DecisionDto {
  return {
    id: d.id, kind: d.kind, rule: d.rule, categoryId: d.categoryId, categoryName: d.categoryName, start: d.start, end: d.end, quote: d.quote,
    consensusId: d.consensusId, sourceIds: d.sourceIds, sourceAnnotatorIds: d.sourceAnnotatorIds, curator: d.curator, revoked: d.revokedAt !== null,
    createdAt: d.createdAt.toISOString(),
  };
}

/** Runs `work` in a transaction holding the document's curation lock. */
async function withDocumentLock<T>(documentId: string, work: (tx: Db) => Promise<T>): Promise<T> {
  return getDb().$transaction(
    async (tx) => {
      // Serialises curation writes per document (the key is derived from its id).
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`curation:${documentId}`}, 0))`;
      return work(tx);
    },
    { timeout: 30_000 },
  );
}

/** Inserts a consensus annotation for a passage; returns its id and quote. */
async function insertConsensus(
  tx: Db,
  curatorId: string,
  state: Pick<State, 'projectId' | 'text' | 'codebook'>,
  documentId: string,
  passage: Passage & { note?: string },
): Promise<{ id: string; quote: string }> {
  const quoteText = state.text.slice(passage.start, passage.end);
  const { resolved } = resolveAttributes(state.codebook, passage.attributes);
  const row = await tx.annotation.create({
    data: {
      id: randomUUID(),
      projectId: state.projectId,
      documentId,
      annotatorId: curatorId,
      layer: 'CONSENSUS',
      categoryId: passage.categoryId,
      start: passage.start,
      end: passage.end,
      quote: quoteText,
      ...spanContext(state.text, passage.start, passage.end),
      note: passage.note ?? '',
      attributes: { create: resolved.map((r) => ({ attributeId: r.attributeId, optionId: r.optionId })) },
    },
    select: { id: true },
  });
  return { id: row.id, quote: quoteText };
}

async function markInProgress(tx: Db, actor: Actor, projectId: string, documentId: string): Promise<void> {
  const current = await tx.documentCuration.findUnique({ where: { documentId }, select: { status: true } });
  if (current && current.status !== 'NOT_STARTED') return;
  await tx.documentCuration.upsert({
    where: { documentId },
    create: { documentId, projectId, status: 'IN_PROGRESS', updatedById: actor.kind === 'user' ? actor.userId : null },
    update: { status: 'IN_PROGRESS', updatedById: actor.kind === 'user' ? actor.userId : null },
  });
}

/** Notes of the spans a passage came from, each signed with its annotator's name. */
function joinNotes(spans: readonly CurationSpan[], names: ReadonlyMap<string, string>): string {
  return spans
    .filter((s) => s.note.trim() !== '')
    .map((s) => `${names.get(s.annotatorId) ?? 'annotator'}: ${s.note.trim()}`)
    .join('\n');
}

export type MergeResult = { rule: MergeRule; accepted: number; leftForReview: number; summary: string[] };

/**
 * Applies a merge rule to every open review item of the document: what the rule accepts goes into
 * the consensus (one decision per passage, naming the spans it came from); the rest stays open.
 */
export async function applyMergeRule(actor: Actor, documentId: string, input: ApplyMergeInput): Promise<MergeResult> {
  const { access, documentId: id } = await requireCuration(actor, documentId);
  const curatorId = requireUserId(actor);
  const { rule, annotators } = parseOrThrow(applyMergeSchema, input);
  return withDocumentLock(id, async (tx) => {
    const state = await loadState(tx, access.project.id, id, annotators);
    if (state.chosen.length < 2 && rule !== 'any') {
      throw new AppError('INVALID', `The ${mergeRuleLabels[rule].toLowerCase()} rule needs at least two annotators to compare; choose more, or use “any annotator”.`);
    }
    const plan = planMerge(state.open, rule, state.chosen.length);
    const names = new Map(state.annotators.map((a) => [a.id, a.name]));
    const clusterOf = new Map(state.open.map((c) => [c.key, c]));
    for (const outcome of plan.outcomes) {
      if (outcome.kind !== 'accept') continue;
      const cluster = clusterOf.get(outcome.clusterKey)!;
      const from = outcome.from.flatMap((v) => v.spans);
      const consensus = await insertConsensus(tx, curatorId, state, id, { ...outcome.passage, note: joinNotes(from, names) });
      await tx.curationDecision.create({
        data: {
          projectId: access.project.id, documentId: id, curatorId, kind: 'MERGED', rule,
          categoryId: outcome.passage.categoryId, categoryName: state.codebook.categories.get(outcome.passage.categoryId)?.name ?? '',
          start: outcome.passage.start, end: outcome.passage.end, quote: consensus.quote, consensusId: consensus.id,
          sourceIds: cluster.spans.map((s) => s.id), sourceVersions: cluster.spans.map((s) => s.version),
          sourceAnnotatorIds: [...new Set(from.map((s) => s.annotatorId))],
        },
      });
    }
    if (plan.accepted > 0) {
      await markInProgress(tx, actor, access.project.id, id);
      await recordActivity(tx, actor, access.project.id, {
        action: 'curation.merge', targetType: 'document', targetId: id, documentId: id,
        summary: `Merged ${plural(plan.accepted, 'passage')} into the consensus of ${quote(documentLabel(state.title), 80)} (${mergeRuleLabels[rule].toLowerCase()}); ${plural(plan.leftForReview, 'passage')} left for review`,
        details: { rule, accepted: plan.accepted, leftForReview: plan.leftForReview },
      });
    }
    return { rule, accepted: plan.accepted, leftForReview: plan.leftForReview, summary: describeMergePlan(plan) };
  });
}

export type DecisionResult = { decision: DecisionDto; consensus: ConsensusPassage | null };

/**
 * One review decision: accept a version (as it is, or edited) into the consensus, or reject the
 * passage. `sources` are the annotators' annotations the decision settles, at the versions the
 * curator saw; if any has changed or gone since, nothing is written and CONFLICT says which.
 */
export async function decideCuration(actor: Actor, documentId: string, input: CurationDecisionInput): Promise<DecisionResult> {
  const { access, documentId: id } = await requireCuration(actor, documentId);
  const curatorId = requireUserId(actor);
  const data = parseOrThrow(curationDecisionSchema, input);
  return withDocumentLock(id, async (tx) => {
    const codebook = await loadCodebookIndex(access.project.id);
    const doc = await tx.document.findUniqueOrThrow({ where: { id }, select: { title: true, text: true } });
    const ids = data.sources.map((s) => s.id);
    const [spans, settled] = await Promise.all([
      tx.annotation.findMany({
        where: { id: { in: ids }, documentId: id, layer: 'ANNOTATOR' },
        select: { id: true, version: true, annotatorId: true, categoryId: true, start: true, end: true, note: true, deletedAt: true, attributes: { select: { attributeId: true, optionId: true } } },
      }),
      loadSettled(tx, id),
    ]);
    const byId = new Map(spans.map((s) => [s.id, s]));
    for (const source of data.sources) {
      const row = byId.get(source.id);
      if (!row) throw new AppError('NOT_FOUND', `annotation ${source.id} is not an annotator's annotation in this document.`);
      if (row.deletedAt || row.version !== source.version) {
        throw new ConflictError('An annotator changed or deleted one of these passages since you loaded them; the list has been refreshed.', null);
      }
      if (settled.get(row.id) === row.version) {
        throw new ConflictError('Someone already decided on this passage; the list has been refreshed.', null);
      }
    }
    const sourceSpans: CurationSpan[] = spans.map((s) => ({ ...s, attributes: attributeValues(codebook, s.attributes) }));
    const users = await tx.user.findMany({ where: { id: { in: [...new Set(spans.map((s) => s.annotatorId))] } }, select: { id: true, name: true } });
    const names = new Map(users.map((u) => [u.id, u.name]));

    let kind: CurationDecisionKind = 'REJECTED';
    let passage: Passage & { note: string } = { categoryId: sourceSpans[0]!.categoryId, start: Math.min(...spans.map((s) => s.start)), end: Math.max(...spans.map((s) => s.end)), attributes: {}, note: '' };
    let takenFrom: CurationSpan[] = sourceSpans;
    let consensus: ConsensusPassage | null = null;
    if (data.passage) {
      const p = data.passage;
      const { problems } = resolveAttributes(codebook, p.attributes);
      throwIfProblems([
        categoryProblem(codebook, p.categoryId),
        p.end <= p.start ? 'passage.end must be after passage.start.' : null,
        p.end > doc.text.length ? `passage.end ${p.end} is past the document's length ${doc.text.length}.` : null,
        ...problems,
      ]);
      passage = { categoryId: p.categoryId, start: p.start, end: p.end, attributes: p.attributes, note: p.note };
      const key = variantKey(passage);
      const same = sourceSpans.filter((s) => variantKey(s) === key);
      kind = same.length > 0 ? 'ACCEPTED' : 'EDITED';
      takenFrom = same.length > 0 ? same : sourceSpans;
      if (passage.note === '') passage.note = joinNotes(takenFrom, names);
      const inserted = await insertConsensus(tx, curatorId, { projectId: access.project.id, text: doc.text, codebook }, id, passage);
      consensus = { id: inserted.id, categoryId: passage.categoryId, start: passage.start, end: passage.end, quote: inserted.quote, note: passage.note, attributes: passage.attributes, version: 1, decisionId: null };
    }
    const categoryName = codebook.categories.get(passage.categoryId)?.name ?? '';
    const decision = await tx.curationDecision.create({
      data: {
        projectId: access.project.id, documentId: id, curatorId, kind, categoryId: passage.categoryId, categoryName,
        start: passage.start, end: passage.end, quote: doc.text.slice(passage.start, passage.end), consensusId: consensus?.id ?? null,
        sourceIds: spans.map((s) => s.id), sourceVersions: spans.map((s) => s.version),
        sourceAnnotatorIds: [...new Set(takenFrom.map((s) => s.annotatorId))],
      },
      include: { curator: { select: { id: true, name: true } } },
    });
    if (consensus) consensus.decisionId = decision.id;
    await markInProgress(tx, actor, access.project.id, id);
    const verb = kind === 'REJECTED' ? 'Rejected' : kind === 'EDITED' ? 'Accepted an edited' : 'Accepted';
    await recordActivity(tx, actor, access.project.id, {
      action: kind === 'REJECTED' ? 'curation.reject' : 'curation.accept', targetType: 'document', targetId: id, documentId: id,
      summary: `${verb} ${quote(decision.quote)} (${categoryName}) for the consensus of ${quote(documentLabel(doc.title), 80)}`,
    });
    return { decision: toDecisionDto(decision), consensus };
  });
}

/**
 * Takes a passage out of the consensus: the annotation is deleted (soft, like any other), the
 * decision that put it there is revoked so its sources are open for review again, and a REMOVED
 * decision records who did it.
 */
export async function removeConsensusPassage(actor: Actor, documentId: string, consensusId: string): Promise<DecisionDto> {
  const { access, documentId: id } = await requireCuration(actor, documentId);
  const curatorId = requireUserId(actor);
  if (!isUuid(consensusId)) throw new AppError('NOT_FOUND', 'No such consensus passage in this document.');
  return withDocumentLock(id, async (tx) => {
    const row = await tx.annotation.findFirst({
      where: { id: consensusId, documentId: id, layer: 'CONSENSUS', deletedAt: null },
      select: { id: true, categoryId: true, start: true, end: true, quote: true, category: { select: { name: true } }, document: { select: { title: true } } },
    });
    if (!row) throw new AppError('NOT_FOUND', 'No such consensus passage in this document.');
    const now = new Date();
    await tx.annotation.update({ where: { id: row.id }, data: { deletedAt: now, version: { increment: 1 } } });
    const origins = await tx.curationDecision.findMany({ where: { consensusId: row.id, revokedAt: null, kind: { not: 'REMOVED' } }, select: { id: true, sourceIds: true, sourceVersions: true, sourceAnnotatorIds: true } });
    await tx.curationDecision.updateMany({ where: { id: { in: origins.map((o) => o.id) } }, data: { revokedAt: now } });
    const decision = await tx.curationDecision.create({
      data: {
        projectId: access.project.id, documentId: id, curatorId, kind: 'REMOVED', categoryId: row.categoryId, categoryName: row.category.name,
        start: row.start, end: row.end, quote: row.quote, consensusId: row.id,
        sourceIds: origins.flatMap((o) => o.sourceIds), sourceVersions: origins.flatMap((o) => o.sourceVersions),
        sourceAnnotatorIds: [...new Set(origins.flatMap((o) => o.sourceAnnotatorIds))],
      },
      include: { curator: { select: { id: true, name: true } } },
    });
    await recordActivity(tx, actor, access.project.id, {
      action: 'curation.remove', targetType: 'document', targetId: id, documentId: id,
      summary: `Took ${quote(row.quote)} (${row.category.name}) out of the consensus of ${quote(documentLabel(row.document.title), 80)}`,
    });
    return toDecisionDto(decision);
  });
}

const statusWords: Record<CurationStatus, string> = { NOT_STARTED: 'not started', IN_PROGRESS: 'in progress', DONE: 'done' };

/** Sets the document's curation status (not started, in progress, done). */
export async function setCurationStatus(actor: Actor, documentId: string, status: string): Promise<{ documentId: string; status: CurationStatus }> {
  const { access, documentId: id } = await requireCuration(actor, documentId);
  const value = parseOrThrow(curationStatusSchema, status);
  return getDb().$transaction(async (tx) => {
    const before = await tx.documentCuration.findUnique({ where: { documentId: id }, select: { status: true } });
    const row = await tx.documentCuration.upsert({
      where: { documentId: id },
      create: { documentId: id, projectId: access.project.id, status: value, updatedById: actor.kind === 'user' ? actor.userId : null },
      update: { status: value, updatedById: actor.kind === 'user' ? actor.userId : null },
      select: { status: true, document: { select: { title: true } } },
    });
    if ((before?.status ?? 'NOT_STARTED') !== value) {
      await recordActivity(tx, actor, access.project.id, {
        action: 'curation.status', targetType: 'document', targetId: id, documentId: id,
        summary: `Marked the curation of ${quote(documentLabel(row.document.title), 80)} ${statusWords[value]}`,
      });
    }
    return { documentId: id, status: row.status };
  });
}

/** Curation status of every document of a project, for the corpus list (any member may see it). */
export async function listCurationStatuses(actor: Actor, slug: string): Promise<Record<string, CurationStatus>> {
  const access = await requireProjectAccess(actor, { slug });
  const rows = await getDb().documentCuration.findMany({ where: { projectId: access.project.id }, select: { documentId: true, status: true } });
  return Object.fromEntries(rows.map((r) => [r.documentId, r.status]));
}

export type CurationOverviewRow = {
  id: string;
  title: string | null;
  /** The first words of the text, shown marked as a label where no title is stated. */
  label: string | null;
  sourceName: string | null;
  status: CurationStatus;
  annotatorCount: number;
  spanCount: number;
  consensusCount: number;
  /** Review items not yet decided (over every annotator). */
  openCount: number;
  decidedCount: number;
};

/** Every document's curation at a glance, for curators and owners. */
export async function listCurationOverview(actor: Actor, slug: string): Promise<CurationOverviewRow[]> {
  const access = await requireProjectAccess(actor, { slug }, canCurate, curatorsOnly, { reading: true });
  const projectId = access.project.id;
  const db = getDb();
  const [docs, statuses, spans, consensus, decisions] = await Promise.all([
    db.document.findMany({ where: { projectId }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true, title: true, label: true, sourceName: true } }),
    db.documentCuration.findMany({ where: { projectId }, select: { documentId: true, status: true } }),
    db.annotation.findMany({
      where: { projectId, layer: 'ANNOTATOR', deletedAt: null },
      select: { id: true, version: true, documentId: true, annotatorId: true, categoryId: true, start: true, end: true },
    }),
    db.annotation.groupBy({ by: ['documentId'], where: { projectId, layer: 'CONSENSUS', deletedAt: null }, _count: { _all: true } }),
    db.curationDecision.findMany({ where: { projectId, revokedAt: null, kind: { not: 'REMOVED' } }, orderBy: { createdAt: 'asc' }, select: { sourceIds: true, sourceVersions: true } }),
  ]);
  const settled = new Map<string, number>();
  for (const d of decisions) d.sourceIds.forEach((id, i) => settled.set(id, d.sourceVersions[i] ?? 0));
  const statusOf = new Map(statuses.map((s) => [s.documentId, s.status]));
  const consensusOf = new Map(consensus.map((c) => [c.documentId, c._count._all]));
  return docs.map((d) => {
    // Attribute values do not change which spans form an item, so they are not needed to count.
    const mine = spans.filter((s) => s.documentId === d.id).map((s) => ({ ...s, attributes: {}, note: '' }));
    const clusters = clusterSpans(mine);
    const open = clusters.filter((c) => !isSettled(c, settled)).length;
    return {
      id: d.id, title: d.title, label: d.label, sourceName: d.sourceName, status: statusOf.get(d.id) ?? 'NOT_STARTED',
      annotatorCount: new Set(mine.map((s) => s.annotatorId)).size, spanCount: mine.length,
      consensusCount: consensusOf.get(d.id) ?? 0, openCount: open, decidedCount: clusters.length - open,
    };
  });
}
