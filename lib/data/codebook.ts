import 'server-only';
import { getDb } from '@/lib/db';
import { requireProjectAccess } from './access';
import type { Actor } from './actor';
import { flattenCategoryTree } from '@/lib/codebook/tree';

export type CodebookCategory = {
  id: string;
  parentId: string | null;
  name: string;
  /** Names from the root down, joined with " / ", e.g. "Security / TTP sanctuary". */
  path: string;
  depth: number;
  description: string;
  example: string;
  color: string;
  shortcut: string | null;
};

export type CodebookAttribute = {
  id: string;
  key: string;
  name: string;
  description: string;
  options: { id: string; value: string; label: string }[];
};

export type Codebook = { categories: CodebookCategory[]; attributes: CodebookAttribute[] };

/** Every member may read the codebook: annotators need it while they annotate. */
export async function getCodebook(actor: Actor, projectSlug: string): Promise<Codebook> {
  const { project } = await requireProjectAccess(actor, { slug: projectSlug });
  const db = getDb();
  const [categories, attributes] = await Promise.all([
    db.category.findMany({
      where: { projectId: project.id },
      select: { id: true, parentId: true, name: true, description: true, example: true, color: true, shortcut: true, position: true },
    }),
    db.attributeDefinition.findMany({
      where: { projectId: project.id },
      orderBy: { position: 'asc' },
      select: {
        id: true, key: true, name: true, description: true,
        options: { orderBy: { position: 'asc' }, select: { id: true, value: true, label: true } },
      },
    }),
  ]);
  return {
    categories: flattenCategoryTree(categories).map(({ position: _position, ...c }) => c),
    attributes,
  };
}
