import { randomUUID } from 'node:crypto';
import { it } from 'vitest';
import { getDb } from '@/lib/db';
import { makeCodebook, makeDocument, makeProject } from './helpers';

it('bench2', async () => {
  const p = await makeProject({ ana: 'ANNOTATOR' });
  const cb = await makeCodebook(p.slug);
  const doc = await makeDocument(p);
  const db = getDb();
  const attr = await db.attributeDefinition.findFirstOrThrow({ where: { projectId: cb.projectId }, include: { options: true } });
  const ana = p.members.ana!;
  const rows = Array.from({ length: 10_000 }, (_, i) => ({ id: randomUUID(), projectId: cb.projectId, documentId: doc.id, annotatorId: ana.id, categoryId: i % 2 ? cb.security.id : cb.sanctuary.id, start: i % 40, end: (i % 40) + 5, quote: doc.text.slice(i % 40, (i % 40) + 5) }));
  await db.annotation.createMany({ data: rows });
  await db.annotationAttribute.createMany({ data: rows.filter((_, i) => i % 2).map((r) => ({ annotationId: r.id, attributeId: attr.id, optionId: attr.options[0]!.id })) });
  const where = { projectId: cb.projectId, deletedAt: null, documentId: doc.id, layer: 'ANNOTATOR' as const };
  const time = async (label: string, f: () => Promise<unknown>) => {
    const walls: number[] = []; const cpus: number[] = [];
    for (let k = 0; k < 5; k++) { const c = process.cpuUsage(); const t = performance.now(); await f(); walls.push(performance.now() - t); const u = process.cpuUsage(c); cpus.push((u.user + u.system) / 1000); }
    console.log(label, 'wall', walls.map((x) => x.toFixed(0)).join(','), 'cpu', cpus.map((x) => x.toFixed(0)).join(','), ' ms');
  };
  await time('scalars', () => db.annotation.findMany({ where, orderBy: [{ start: 'asc' }, { end: 'desc' }], select: { id: true, start: true, end: true, quote: true, prefix: true, suffix: true, categoryId: true, annotatorId: true, note: true, version: true, createdAt: true, updatedAt: true, layer: true, orphaned: true, documentId: true } }));
  await time('attrs via join', () => db.annotationAttribute.findMany({ where: { annotation: where }, select: { annotationId: true, attributeId: true, optionId: true } }));
  await time('scalars+category+annotator', () => db.annotation.findMany({ where, select: { id: true, category: { select: { name: true } }, annotator: { select: { name: true } } } }));
  await time('attrs nested', () => db.annotation.findMany({ where, select: { id: true, attributes: { select: { attributeId: true, optionId: true } } } }));
  await time('full nested', () => db.annotation.findMany({ where, orderBy: [{ start: 'asc' }, { end: 'desc' }], select: { id: true, start: true, end: true, quote: true, prefix: true, suffix: true, categoryId: true, annotatorId: true, note: true, version: true, createdAt: true, updatedAt: true, layer: true, orphaned: true, documentId: true, category: { select: { name: true, color: true } }, annotator: { select: { name: true } }, attributes: { select: { attribute: { select: { key: true } }, option: { select: { value: true } } } } } }));
  await time('raw', () => db.$queryRaw`select id, start, "end", quote, prefix, suffix, "categoryId", "annotatorId", note, version, "createdAt", "updatedAt" from "Annotation" where "documentId" = ${doc.id}::uuid and "deletedAt" is null order by start, "end" desc`);
}, 120_000);
