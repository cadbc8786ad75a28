import { randomUUID } from 'node:crypto';
import { getDb } from '@/lib/db';
import { userActor, systemActor, type Actor } from '@/lib/data/actor';
import { getDocument, importDocuments } from '@/lib/data/documents';
import { createProject, setMemberRole } from '@/lib/data/projects';
import { createUser } from '@/lib/data/users';
import { AppError, type ErrorCode } from '@/lib/errors';
import { expect } from 'vitest';

/** A short unique suffix so every test makes its own rows and tests never share data. */
export function uniq(): string {
  return randomUUID().slice(0, 8);
}

export async function makeUser(label = 'user'): Promise<{ id: string; email: string; actor: Actor }> {
  const email = `${label}-${uniq()}@test.example`;
  const user = await createUser({ email, password: 'correct horse battery', name: label });
  return { id: user.id, email: user.email, actor: userActor(user.id) };
}

/** A project owned by a new user, plus members with the given roles. */
export async function makeProject(memberRoles: Record<string, 'CURATOR' | 'ANNOTATOR' | 'VIEWER'> = {}) {
  const owner = await makeUser('owner');
  const slug = `p-${uniq()}`;
  await createProject(owner.actor, { slug, name: `Project ${slug}` });
  const members: Record<string, Awaited<ReturnType<typeof makeUser>>> = {};
  for (const [label, role] of Object.entries(memberRoles)) {
    members[label] = await makeUser(label);
    await setMemberRole(systemActor, { projectSlug: slug, email: members[label].email, role });
  }
  return { slug, owner, members };
}

/** Asserts that a promise rejects with an AppError of the code, and a message matching. */
export async function expectAppError(promise: Promise<unknown>, code: ErrorCode, message?: RegExp): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}, but it succeeded`).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(appError.code).toBe(code);
  if (message) expect(appError.message).toMatch(message);
  return appError;
}

export const sampleBlocks = (marker: string) => [
  { type: 'heading' as const, level: 2 as const, text: `Section ${marker}` },
  { type: 'paragraph' as const, text: `The talks failed because of ${marker}. Both sides blamed each other.` },
];

/**
 * A small codebook written straight to the database: a category with a child, and a
 * "blame-target" attribute with two options.
 */
export async function makeCodebook(projectSlug: string) {
  const db = getDb();
  const { id: projectId } = await db.project.findUniqueOrThrow({ where: { slug: projectSlug }, select: { id: true } });
  const security = await db.category.create({ data: { projectId, name: 'Security', color: '#0072b2', position: 0 } });
  const sanctuary = await db.category.create({ data: { projectId, parentId: security.id, name: 'TTP sanctuary', color: '#d55e00', position: 0 } });
  await db.attributeDefinition.create({
    data: {
      projectId,
      key: 'blame-target',
      name: 'Blame target',
      options: { create: [{ value: 'afghan-taliban', label: 'Afghan Taliban', position: 0 }, { value: 'pakistan', label: 'Pakistan', position: 1 }] },
    },
  });
  return { projectId, security, sanctuary };
}

/** One imported document of the project, with its canonical text. */
export async function makeDocument(project: { slug: string; owner: { actor: Actor } }, title = 'Doc'): Promise<{ id: string; text: string }> {
  const [doc] = await importDocuments(project.owner.actor, project.slug, { documents: [{ title, blocks: sampleBlocks(uniq()) }] });
  if (!doc) throw new Error('import returned nothing');
  const { text } = await getDocument(project.owner.actor, doc.id);
  return { id: doc.id, text };
}

/** A span input for the first occurrence of `quote` in `text`. */
export function spanOf(text: string, quote: string): { start: number; end: number; quote: string } {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" is not in the text`);
  return { start, end: start + quote.length, quote };
}
