// The annotation benchmark's data: one document of at least 100,000 characters made from the five
// seed articles, and 10,000 annotations from 5 annotators with sentence- and clause-length spans
// on word boundaries that overlap across (and within) layers, as real coding does.
import { randomUUID } from 'node:crypto';
import { createUser } from '@/lib/data/users';
import { createProject, setMemberRole } from '@/lib/data/projects';
import { importDocuments, type DocumentBlock } from '@/lib/data/documents';
import { createApiTokenForEmail } from '@/lib/data/tokens';
import { systemActor } from '@/lib/data/actor';
import { getDb } from '@/lib/db';
import type { Block } from '@/lib/corpus/types';
import type { Prisma } from '@/lib/generated/prisma/client';
import { seedArticles } from '@/prisma/seed-data/articles';
import { seedAttributes, seedCategories } from '@/prisma/seed-data/codebook';
import { rng } from './stats';

export const password = 'parallax-bench-pass';

/** The seed articles' blocks, each copy under its own heading, repeated until the text is long enough. */
export function buildBlocks(minLength: number): Block[] {
  const blocks: Block[] = [];
  let length = 0;
  const add = (b: Block) => {
    length += (blocks.length > 0 ? 2 : 0) + b.text.length;
    blocks.push(b);
  };
  for (let round = 1; length < minLength; round++) {
    for (const [i, article] of seedArticles.entries()) {
      add({ type: 'heading', level: 2, text: `Part ${round}.${i + 1}: ${article.title ?? `Untitled (${article.sourceName})`}` });
      for (const b of article.blocks) add(b.type === 'heading' ? { type: 'heading', level: 3, text: b.text } : b);
    }
  }
  return blocks;
}

type Span = { start: number; end: number };
type Sentence = Span & { block: number; clauses: Span[]; words: Span[] };

const wordPattern = /[^\s]+/g;

function wordsIn(text: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  for (const m of text.slice(start, end).matchAll(wordPattern)) out.push({ start: start + m.index, end: start + m.index + m[0].length });
  return out;
}

/** Sentences of every paragraph (in canonical offsets), with their clauses and words. */
export function sentencesOf(text: string, blocks: readonly DocumentBlock[]): Sentence[] {
  const out: Sentence[] = [];
  for (const [blockIndex, b] of blocks.entries()) {
    if (b.type !== 'paragraph') continue;
    const body = text.slice(b.start, b.end);
    // A sentence ends at . ! or ? (plus closing quotes or brackets) followed by a space.
    const ends = [...body.matchAll(/[.!?]["”’)\]]*(?=\s)/g)].map((m) => m.index + m[0].length);
    let from = 0;
    for (const end of [...ends, body.length]) {
      const words = wordsIn(text, b.start + from, b.start + end);
      from = end;
      if (words.length < 4) continue;
      const start = words[0]!.start;
      const stop = words[words.length - 1]!.end;
      // Clauses: runs between commas, semicolons, colons and dashes, of at least three words.
      const clauses: Span[] = [];
      let clauseWords: Span[] = [];
      for (const w of words) {
        clauseWords.push(w);
        if (/[,;:]$/.test(text.slice(w.start, w.end)) || text.slice(w.end, w.end + 2) === ' —') {
          if (clauseWords.length >= 3) clauses.push({ start: clauseWords[0]!.start, end: w.end - (/[,;:]$/.test(text.slice(w.start, w.end)) ? 1 : 0) });
          clauseWords = [];
        }
      }
      if (clauses.length > 0 && clauseWords.length >= 3) clauses.push({ start: clauseWords[0]!.start, end: stop });
      out.push({ start, end: stop, block: blockIndex, clauses, words });
    }
  }
  return out;
}

/**
 * `perAnnotator` distinct spans for each of `annotators` coders. Each picks sentences at random
 * and marks the whole sentence, one of its clauses, the sentence less a few words at either end,
 * or two neighbouring sentences; categories mostly agree with a per-sentence "true" category.
 */
export function generateSpans(
  text: string,
  blocks: readonly DocumentBlock[],
  annotators: number,
  perAnnotator: number,
  categories: number,
): { annotator: number; start: number; end: number; category: number }[] {
  const sentences = sentencesOf(text, blocks);
  if (sentences.length < 50) throw new Error(`only ${sentences.length} sentences in the benchmark document`);
  const out: { annotator: number; start: number; end: number; category: number }[] = [];
  for (let a = 0; a < annotators; a++) {
    const random = rng(1000 + a);
    const seen = new Set<string>();
    let guard = 0;
    while (seen.size < perAnnotator) {
      if (++guard > perAnnotator * 50) throw new Error('could not generate enough distinct spans');
      const si = Math.floor(random() * sentences.length);
      const s = sentences[si]!;
      const form = random();
      let span: Span;
      if (form < 0.4 || (form < 0.75 && s.clauses.length === 0)) span = s;
      else if (form < 0.75) span = s.clauses[Math.floor(random() * s.clauses.length)]!;
      else if (form < 0.9) {
        const cut = 1 + Math.floor(random() * Math.min(3, s.words.length - 3));
        span = random() < 0.5 ? { start: s.words[cut]!.start, end: s.end } : { start: s.start, end: s.words[s.words.length - 1 - cut]!.end };
      } else {
        const next = sentences[si + 1];
        span = next && next.block === s.block ? { start: s.start, end: next.end } : s;
      }
      // Leave trailing punctuation out, as a careful annotator would, half the time.
      let end = span.end;
      if (random() < 0.5 && /[.,;:!?]/.test(text[end - 1]!)) end--;
      const key = `${span.start}:${end}`;
      if (end <= span.start || seen.has(key)) continue;
      seen.add(key);
      const truth = (si * 7919) % categories;
      const category = random() < 0.7 ? truth : Math.floor(random() * categories);
      out.push({ annotator: a, start: span.start, end, category });
    }
  }
  return out;
}

export type AnnotateFixture = {
  projectSlug: string;
  documentId: string;
  text: string;
  blocks: DocumentBlock[];
  owner: { email: string; id: string };
  annotators: { email: string; id: string; name: string }[];
  categories: { id: string; name: string; color: string; shortcut: string }[];
  /** The seeded annotations, for the peer page. */
  annotations: { id: string; start: number; end: number; quote: string; categoryId: string; annotatorId: string }[];
  /** A personal API token of the first annotator. */
  token: string;
};

const names = ['Ana', 'Ben', 'Cyd', 'Dev', 'Eli'];

export async function createAnnotateFixture(
  options: { annotations: number; annotators: number; minLength: number },
  log: (message: string) => void = () => undefined,
): Promise<AnnotateFixture> {
  let last = Date.now();
  const step = (what: string) => {
    log(`  ${what}: ${Date.now() - last} ms`);
    last = Date.now();
  };
  const tag = randomUUID().slice(0, 8);
  const db = getDb();
  const owner = await createUser({ name: 'Bench Owner', email: `bench-owner-${tag}@parallax.example`, password });
  const annotators = [];
  for (let i = 0; i < options.annotators; i++) {
    annotators.push(await createUser({ name: names[i] ?? `Annotator ${i + 1}`, email: `bench-${i + 1}-${tag}@parallax.example`, password }));
  }
  step('users');
  const projectSlug = `bench-annotate-${tag}`;
  const project = await createProject(systemActor, { slug: projectSlug, name: 'Bench: annotation workspace', ownerEmail: owner.email });
  for (const a of annotators) await setMemberRole(systemActor, { projectSlug, email: a.email, role: 'annotator' });

  const categories = await db.$transaction(async (tx) => {
    const made = [];
    for (const [position, c] of seedCategories.entries()) {
      made.push(
        await tx.category.create({
          data: { projectId: project.id, name: c.name, description: c.description, example: c.example, color: c.color, shortcut: c.shortcut, position },
          select: { id: true, name: true, color: true, shortcut: true },
        }),
      );
    }
    for (const [position, a] of seedAttributes.entries()) {
      await tx.attributeDefinition.create({
        data: {
          projectId: project.id, key: a.key, name: a.name, description: a.description, position,
          options: { create: a.options.map((o, i) => ({ value: o.value, label: o.label, position: i })) },
        },
      });
    }
    return made.map((c) => ({ ...c, shortcut: c.shortcut ?? '' }));
  });

  step('project and codebook');
  const [imported] = await importDocuments(systemActor, projectSlug, {
    documents: [{ title: 'Benchmark: the five articles, repeated', sourceName: 'bench-100k.txt', blocks: buildBlocks(options.minLength) }],
  });
  if (!imported) throw new Error('the benchmark document was not imported');
  const doc = await db.document.findUniqueOrThrow({ where: { id: imported.id }, select: { text: true, content: true } });
  const blocks = doc.content as DocumentBlock[];

  step('document import');
  const perAnnotator = Math.ceil(options.annotations / options.annotators);
  const spans = generateSpans(doc.text, blocks, options.annotators, perAnnotator, categories.length).slice(0, options.annotations);
  const blame = await db.attributeDefinition.findFirstOrThrow({ where: { projectId: project.id, key: 'blame-target' }, select: { id: true, options: { select: { id: true } } } });
  const random = rng(42);
  const rows: Prisma.AnnotationCreateManyInput[] = [];
  const attributeRows: Prisma.AnnotationAttributeCreateManyInput[] = [];
  for (const s of spans) {
    const id = randomUUID();
    rows.push({
      id, projectId: project.id, documentId: imported.id, annotatorId: annotators[s.annotator]!.id, categoryId: categories[s.category]!.id,
      start: s.start, end: s.end, quote: doc.text.slice(s.start, s.end),
      prefix: doc.text.slice(Math.max(0, s.start - 32), s.start), suffix: doc.text.slice(s.end, s.end + 32),
    });
    // About a third carry a blame target, as coders set it only where the text names one.
    if (random() < 0.3) attributeRows.push({ annotationId: id, attributeId: blame.id, optionId: blame.options[Math.floor(random() * blame.options.length)]!.id });
  }
  step('spans');
  await db.annotation.createMany({ data: rows });
  await db.annotationAttribute.createMany({ data: attributeRows });
  await db.documentStatus.createMany({
    data: annotators.map((a) => ({ documentId: imported.id, userId: a.id, projectId: project.id, status: 'IN_PROGRESS' as const })),
  });
  step('bulk insert');
  const { token } = await createApiTokenForEmail(systemActor, annotators[0]!.email, 'bench');
  return {
    projectSlug,
    documentId: imported.id,
    text: doc.text,
    blocks,
    owner,
    annotators,
    categories,
    annotations: rows.map((r) => ({ id: r.id!, start: r.start, end: r.end, quote: r.quote, categoryId: r.categoryId, annotatorId: r.annotatorId })),
    token,
  };
}

/** Removes what the fixture made: only needed on a database that outlives the run (DATABASE_URL). */
export async function deleteAnnotateFixture(f: AnnotateFixture): Promise<void> {
  const db = getDb();
  await db.project.deleteMany({ where: { slug: f.projectSlug } });
  await db.user.deleteMany({ where: { email: { in: [f.owner.email, ...f.annotators.map((a) => a.email)] } } });
}
