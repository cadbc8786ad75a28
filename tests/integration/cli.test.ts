import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '@/scripts/cli/commands';
import { systemActor } from '@/lib/data/actor';
import { listDocuments } from '@/lib/data/documents';
import { listMembers } from '@/lib/data/projects';
import { createUser, findUserByEmail } from '@/lib/data/users';
import { uniq } from './helpers';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCommand(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('CLI', () => {
  it('creates users and projects, imports files all-or-nothing, and explains bad arguments', async () => {
    const owner = `cli-owner-${uniq()}@test.example`;
    const slug = `cli-${uniq()}`;

    // The owner must exist first; the message says how to fix it.
    let r = await cli('project', 'create', slug, '--name', 'CLI project', '--owner', owner);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/No account for .*users add/);

    r = await cli('users', 'add', owner, '--password', 'parallax-demo', '--role', 'owner', '--project', slug);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/No project "cli-/);
    expect(await findUserByEmail(owner)).toBeNull();

    // `users add` needs a project; the first owner's account is made directly.
    const boot = `boot-${uniq()}`;
    await createUser({ email: owner, password: 'parallax-demo', name: 'CLI owner' });
    r = await cli('project', 'create', slug, '--name', 'CLI project', '--owner', owner);
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toContain(`Created project ${slug}`);

    const ann = `cli-ann-${uniq()}@test.example`;
    r = await cli('users', 'add', ann, '--password', 'a-good-password', '--role', 'annotator', '--project', slug);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${ann} is annotator of ${slug}`);
    expect((await listMembers(systemActor, slug)).map((m) => [m.email, m.role])).toContainEqual([ann, 'ANNOTATOR']);

    r = await cli('users', 'add', ann, '--password', 'whatever1', '--role', 'emperor', '--project', slug);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Role must be one of: owner, curator, annotator, viewer/);

    const dir = await mkdtemp(path.join(tmpdir(), 'parallax-cli-'));
    const good = path.join(dir, 'good.md');
    const bad = path.join(dir, 'empty.txt');
    await writeFile(good, `# Talks ${boot}\n\nThe talks failed for many reasons.\n`);
    await writeFile(bad, '');
    r = await cli('import', good, bad, '--project', slug);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/empty\.txt: .*Nothing was imported/);
    expect(await listDocuments(systemActor, slug)).toHaveLength(0);

    r = await cli('import', good, '--project', slug);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 document imported');
    expect((await listDocuments(systemActor, slug)).map((d) => d.title)).toEqual([`Talks ${boot}`]);

    r = await cli('import', path.join(dir, 'missing.txt'), '--project', slug);
    expect(r).toMatchObject({ code: 2 });
    expect(r.err).toMatch(/Cannot read .*missing\.txt/);
  });

  it('rejects unknown commands and options with usage and exit code 2', async () => {
    let r = await cli('frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Unknown command "frobnicate"[\s\S]*Usage:/);
    r = await cli('project', 'create', 'x-y-z', '--colour', 'red');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--colour/);
    r = await cli('project', 'create', 'x-y-z', '--name', 'n');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Missing --owner/);
  });

  it('archives, restores and deletes a project, the last only with its name', async () => {
    const owner = `cli-life-${uniq()}@test.example`;
    const slug = `cli-life-${uniq()}`;
    await createUser({ email: owner, password: 'parallax-demo', name: 'CLI owner' });
    expect((await cli('project', 'create', slug, '--name', 'Life cycle', '--owner', owner)).code).toBe(0);
    let r = await cli('project', 'archive', slug);
    expect(r).toMatchObject({ code: 0, out: `Archived ${slug}: it is read-only until restored.` });
    r = await cli('project', 'restore', slug);
    expect(r).toMatchObject({ code: 0, out: `Restored ${slug}.` });
    r = await cli('project', 'delete', slug);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--confirm/);
    r = await cli('project', 'delete', slug, '--confirm', 'Life');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Type the project's name, Life cycle, exactly/);
    r = await cli('project', 'delete', slug, '--confirm', 'Life cycle');
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toMatch(new RegExp(`Deleted ${slug} \\("Life cycle"\\): 0 articles, 0 annotations, 1 member\\.`));
    expect((await cli('project', 'archive', slug)).code).toBe(1);
  });
});
