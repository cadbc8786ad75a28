import { randomUUID } from 'node:crypto';
import { it } from 'vitest';
import { getDb } from '@/lib/db';
import { listAnnotations } from '@/lib/data/annotations';
import { makeCodebook, makeDocument, makeProject } from './helpers';

it('bench', async () => {
  const p = await makeProject({ ana: 'ANNOTATOR' });
  const cb = await makeCodebook(p.slug);
  const doc = await makeDocument(p);
  const db = getDb();
  const attr = await db.attributeDefinition.findFirstOrThrow({ where: { projectId: cb.projectId }, include: { options: true } });
  const ana = p.members.ana!;
  const rows = Array.from({ length: 10_000 }, (_, i) => ({ id: randomUUID(), projectId: cb.projectId, documentId: doc.id, annotatorId: ana.id, categoryId: i % 2 ? cb.security.id : cb.sanctuary.id, start: i % 40, end: (i % 40) + 5, quote: doc.text.slice(i % 40, (i % 40) + 5) }));
  await db.annotation.createMany({ data: rows });
  await db.annotationAttribute.createMany({ data: rows.filter((_, i) => i % 2).map((r) => ({ annotationId: r.id, attributeId: attr.id, optionId: attr.options[0]!.id })) });
  for (const [label, actor, layer] of [['owner all', p.owner.actor, 'all'], ['ana mine', ana.actor, 'mine'], ['ana all (blind)', ana.actor, 'all']] as const) {
    const walls: number[] = []; const cpus: number[] = []; let n = 0;
    for (let k = 0; k < 5; k++) { const c = process.cpuUsage(); const t = performance.now(); n = (await listAnnotations(actor, doc.id, { layer })).length; walls.push(performance.now() - t); const u = process.cpuUsage(c); cpus.push((u.user + u.system) / 1000); }
    console.log(label, n, 'wall', walls.map((x) => x.toFixed(0)).join(','), 'cpu', cpus.map((x) => x.toFixed(0)).join(','), ' ms');
  }
}, 120_000);
