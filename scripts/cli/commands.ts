// The CLI's commands, as a function from arguments to an exit code, so integration tests can run
// them in-process against the test database. Each command is thin: parse, call lib/data, print.
import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importFile } from '@/lib/corpus';
import { listActivity } from '@/lib/data/activity';
import { getAgreement } from '@/lib/data/agreement';
import { getComparison } from '@/lib/data/compare';
import { listGroups } from '@/lib/data/groups';
import { comparisonToJson, formatComparisonText } from '@/lib/compare/text';
import { exportProject } from '@/lib/data/exports';
import { commitImport, prepareImport } from '@/lib/data/imports';
import { formatSummaryText } from '@/lib/export/import-summary';
import { confirmImportSchema, importKinds, makesProject, type ConfirmImportInput, type ImportKind } from '@/lib/validations/import';
import { formatIds } from '@/lib/export/formats';
import { parseOrThrow } from '@/lib/validations/parse';
import { writeFile } from 'node:fs/promises';
import { displayTitle } from '@/lib/corpus/titles';
import { agreementReportToJson, formatAgreementText } from '@/lib/agreement/text';
import { systemActor } from '@/lib/data/actor';
import { importDocuments } from '@/lib/data/documents';
import { createProject, deleteProject, getProject, setMemberRole, setProjectArchived } from '@/lib/data/projects';
import { createApiTokenForEmail } from '@/lib/data/tokens';
import { createUser, findUserByEmail } from '@/lib/data/users';
import { isAppError } from '@/lib/errors';
import { seedDemo, demoUsers, demoPassword, demoProject } from '@/prisma/seed';

export type Io = { out: (line: string) => void; err: (line: string) => void };

export const usage = `Usage: npm run parallax -- <command> [options]

Commands:
  project create <slug> --name <name> --owner <email> [--description <text>]
  project archive <slug> | project restore <slug>
                                              make a project read-only and hide it from the list, or undo that
  project delete <slug> --confirm <project name>
                                              delete a project and everything in it (export it first)
  import <files...> --project <slug>          import .txt, .md or .html files (all or nothing)
  import --format w3c|qdpx <file> --owner <email> [--project <new slug>] [--name <name>] [--dry-run]
                                              load a W3C Web Annotation export or a REFI-QDA project into a new project
  import --format qdc <file> --project <slug> [--dry-run]
                                              add a REFI-QDA codebook's codes to a project's codebook
  import --format annotations <file> --project <slug> (--layer <member email> | --new-annotator <name>) [--dry-run]
                                              place W3C annotations from other tools (Recogito, Hypothesis) on the project's articles
                                              every import prints what it will bring in, what it checked and what it leaves out
  export --project <slug> --format ${formatIds.join('|')} --out <path> [--documents <ids>] [--group <name or id>] [--categories <ids>]
         [--layers all|annotators|consensus] [--no-comments] [--no-memos]
                                              write an annotated report or a data file
  users add <email> --password <pw> --role <owner|curator|annotator|viewer> --project <slug> [--name <name>]
  token create --user <email> [--name <name>]  create a personal API token for the REST API; prints only the token
  seed                                        add the demo project, articles, codebook and accounts (idempotent)
  activity --project <slug> [--json] [--actor <user id|system>] [--type <group|action>] [--document <id>]
           [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--limit <n>] [--cursor <id>]
                                              the project's activity log, newest first
  agreement --project <slug> [--json] [--annotators <emails or ids>] [--documents <ids>] [--group <name or id>] [--categories <ids>]
                                              agreement figures, as on the Agreement page (comma-separated lists)
  compare --project <slug> [--json] [--layer consensus|pooled|<annotator email or id>] [--documents <ids>] [--group <name or id>] [--categories <ids>] [--attr key:value]
                                              the framing matrix, author profiles and distances
  help                                        show this text

Uses DATABASE_URL when set, otherwise the embedded PostgreSQL in .data/ (started if needed).`;

class UsageError extends Error {}

function parse<O extends Record<string, { type: 'string' } | { type: 'boolean' }>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`Missing ${flag}.`);
  return value;
}

async function projectCreate(args: string[], io: Io): Promise<void> {
  const { values, positionals } = parse(args, { name: { type: 'string' }, owner: { type: 'string' }, description: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('project create takes exactly one slug.');
  const project = await createProject(systemActor, {
    slug: positionals[0] ?? '',
    name: required(values.name, '--name'),
    description: values.description ?? '',
    ownerEmail: required(values.owner, '--owner'),
  });
  io.out(`Created project ${project.slug} (owner ${values.owner}).`);
}

/** `project archive|restore <slug>`: the same data function as the settings page's button. */
async function projectArchive(args: string[], io: Io, archived: boolean): Promise<void> {
  const { positionals } = parse(args, {});
  if (positionals.length !== 1) throw new UsageError(`project ${archived ? 'archive' : 'restore'} takes exactly one slug.`);
  const project = await setProjectArchived(systemActor, positionals[0] ?? '', archived);
  io.out(archived ? `Archived ${project.slug}: it is read-only until restored.` : `Restored ${project.slug}.`);
}

/** `project delete <slug> --confirm <name>`: the name is the confirmation, as on the settings page. */
async function projectDelete(args: string[], io: Io): Promise<void> {
  const { values, positionals } = parse(args, { confirm: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('project delete takes exactly one slug.');
  const record = await deleteProject(systemActor, positionals[0] ?? '', required(values.confirm, '--confirm'));
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const { documents, annotations, members } = record.details;
  io.out(`Deleted ${record.slug} ("${record.name}"): ${count(documents, 'article')}, ${count(annotations, 'annotation')}, ${count(members, 'member')}.`);
}

/**
 * `import --format w3c|qdpx|qdc|annotations <file>`: a whole project, a codebook, or W3C annotations
 * from other tools onto a project's articles. Prints the same summary as the review page, and with
 * --dry-run stops there.
 */
async function importFormatted(args: string[], io: Io): Promise<void> {
  const s = { type: 'string' } as const;
  const { values, positionals } = parse(args, { format: s, project: s, owner: s, name: s, layer: s, 'new-annotator': s, 'dry-run': { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError('import --format takes exactly one file.');
  const file = positionals[0]!;
  try {
    await access(file, constants.R_OK);
  } catch {
    throw new UsageError(`Cannot read ${file}: no such file or not readable. Nothing was imported.`);
  }
  const format = required(values.format, '--format');
  // The import kinds (lib/export/formats.ts), and the older spelling of one.
  const kinds: Record<string, ImportKind> = { ...Object.fromEntries(importKinds.map((k) => [k, k])), 'w3c-annotations': 'annotations' };
  const kind = kinds[format];
  if (!kind) throw new UsageError(`--format must be one of ${importKinds.join(', ')} (got "${format}").`);
  const intoProject = !makesProject(kind);
  if (intoProject) required(values.project, '--project');
  else if (!values.owner && !values['dry-run']) throw new UsageError('import --format w3c|qdpx needs --owner <email>: who owns the new project.');
  let layer: ConfirmImportInput['layer'];
  if (kind === 'annotations' && !values['dry-run']) {
    if (values['new-annotator']) layer = { kind: 'new', name: values['new-annotator'] };
    else if (values.layer) {
      const user = await findUserByEmail(values.layer);
      if (!user) throw new UsageError(`No account for ${values.layer}. Nothing was imported.`);
      layer = { kind: 'member', userId: user.id };
    } else throw new UsageError('import --format annotations needs --layer <member email> or --new-annotator <name>: whose layer the annotations become.');
  }
  const prepared = await prepareImport(systemActor, { kind, file, projectSlug: intoProject ? values.project : null });
  io.out(formatSummaryText(prepared.summary));
  if (values['dry-run']) {
    io.out('Dry run: nothing was imported.');
    return;
  }
  const options = parseOrThrow(confirmImportSchema, { ...(intoProject ? {} : { slug: values.project, name: values.name }), ...(layer ? { layer } : {}) });
  const r = await commitImport(systemActor, prepared, { options, ownerEmail: values.owner, fileName: path.basename(file), projectSlug: intoProject ? values.project : null });
  if (r.codebook) io.out(`Codebook of ${r.slug}: ${r.codebook.added} categories added, ${r.codebook.existing} already there, ${r.codebook.attributesAdded} attributes added, ${r.codebook.groupsAdded} category groups added.`);
  else if (kind === 'annotations') io.out(`Imported ${r.annotations} annotations onto ${r.documents} articles of ${r.slug}.`);
  else io.out(`Imported ${path.basename(file)} as the new project ${r.slug} ("${r.name}"): ${r.documents} documents, ${r.annotations} annotations, ${r.comments} comments, ${r.memos} memos, ${r.people} people.`);
}

/** `export`: a report or a data file for the whole project (the CLI sees every layer). */
/** --group takes a document group's name, which people know, or its id, which the pages' URLs carry. */
async function groupOption(slug: string, group: string | undefined): Promise<string | undefined> {
  if (group === undefined) return undefined;
  const { documentGroups } = await listGroups(systemActor, slug);
  const found = documentGroups.find((g) => g.id === group) ?? documentGroups.find((g) => g.name.toLowerCase() === group.trim().toLowerCase());
  if (!found) {
    const names = documentGroups.map((g) => `"${g.name}"`).join(', ');
    throw new UsageError(`--group: ${slug} has no document group "${group}"${names ? ` (it has ${names})` : ' (it has none)'}.`);
  }
  return found.id;
}

async function exportCommand(args: string[], io: Io): Promise<void> {
  const s = { type: 'string' } as const;
  const { values, positionals } = parse(args, {
    project: s, format: s, out: s, documents: s, categories: s, group: s, layers: s, annotators: s, 'no-comments': { type: 'boolean' }, 'no-memos': { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`export takes no positional arguments (got "${positionals.join(' ')}").`);
  const out = required(values.out, '--out');
  const slug = required(values.project, '--project');
  const file = await exportProject(
    systemActor,
    slug,
    {
      format: required(values.format, '--format') as 'csv',
      documents: values.documents, categories: values.categories, group: await groupOption(slug, values.group), layers: values.layers as 'all' | undefined, annotators: values.annotators,
      comments: !values['no-comments'], memos: !values['no-memos'],
    },
    process.env.PARALLAX_BASE_URL ?? 'http://localhost:3000',
  );
  try {
    await writeFile(out, file.bytes);
  } catch (error) {
    throw new UsageError(`Cannot write ${out}: ${error instanceof Error ? error.message : String(error)}`);
  }
  io.out(`Wrote ${out} (${file.bytes.length.toLocaleString('en')} bytes, ${file.snapshot.documents.length} documents, ${file.snapshot.annotations.length} annotations).`);
}

async function importCommand(args: string[], io: Io): Promise<void> {
  if (args.includes('--format') || args.some((a) => a.startsWith('--format='))) return importFormatted(args, io);
  const { values, positionals } = parse(args, { project: { type: 'string' } });
  const slug = required(values.project, '--project');
  if (positionals.length === 0) throw new UsageError('import needs at least one file.');
  const documents = [];
  for (const file of positionals) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch {
      throw new UsageError(`Cannot read ${file}: no such file or not readable. Nothing was imported.`);
    }
    try {
      const clean = importFile({ name: path.basename(file), bytes });
      documents.push({ ...clean, sourceName: path.basename(file) });
    } catch (error) {
      if (isAppError(error)) throw new UsageError(`${file}: ${error.message} Nothing was imported.`);
      throw error;
    }
  }
  const created = await importDocuments(systemActor, slug, { documents });
  for (const doc of created) io.out(`Imported ${doc.title ?? '(untitled)'}  ${doc.id}`);
  io.out(`${created.length} ${created.length === 1 ? 'document' : 'documents'} imported into ${slug}.`);
}

async function usersAdd(args: string[], io: Io): Promise<void> {
  const { values, positionals } = parse(args, {
    password: { type: 'string' }, role: { type: 'string' }, project: { type: 'string' }, name: { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError('users add takes exactly one email.');
  const email = positionals[0] ?? '';
  const role = required(values.role, '--role');
  const slug = required(values.project, '--project');
  const password = required(values.password, '--password');
  // Check the project before creating the account, so a typo in --project leaves no stray account.
  await getProject(systemActor, slug);
  const existing = await findUserByEmail(email);
  if (existing) {
    io.out(`Account ${existing.email} exists; its password is unchanged.`);
  } else {
    const user = await createUser({ email, password, name: values.name ?? email.split('@')[0] ?? email });
    io.out(`Created account ${user.email}.`);
  }
  const member = await setMemberRole(systemActor, { projectSlug: slug, email, role });
  io.out(`${member.email} is ${member.role.toLowerCase()} of ${slug}.`);
}

/** Prints only the token on stdout, so `TOKEN=$(npm run -s parallax -- token create …)` works. */
async function tokenCreate(args: string[], io: Io): Promise<void> {
  const { values, positionals } = parse(args, { user: { type: 'string' }, name: { type: 'string' } });
  if (positionals.length > 0) throw new UsageError(`token create takes no positional arguments (got "${positionals.join(' ')}").`);
  const created = await createApiTokenForEmail(systemActor, required(values.user, '--user'), values.name ?? 'CLI');
  io.out(created.token);
  io.err(`Created API token "${created.name}" (plx_${created.prefix}…) for ${created.email}. It is shown only this once; revoke it under Settings.`);
}

/** The activity log; --json prints the page as the REST API would, for scripts. */
async function activity(args: string[], io: Io): Promise<void> {
  const s = { type: 'string' } as const;
  const { values, positionals } = parse(args, {
    project: s, json: { type: 'boolean' }, actor: s, type: s, document: s, from: s, to: s, limit: s, cursor: s,
  });
  if (positionals.length > 0) throw new UsageError(`activity takes no positional arguments (got "${positionals.join(' ')}").`);
  const { project, json, ...filters } = values;
  const page = await listActivity(systemActor, required(project, '--project'), filters);
  if (json) {
    io.out(JSON.stringify(page, null, 2));
    return;
  }
  for (const e of page.events) {
    io.out(`${e.createdAt.slice(0, 16).replace('T', ' ')}  ${(e.actor?.name ?? 'system').padEnd(16)}  ${e.action.padEnd(26)}  ${e.summary}`);
  }
  if (page.events.length === 0) io.out('No activity matches.');
  if (page.nextCursor) io.out(`Older events: add --cursor ${page.nextCursor}`);
}

/** Agreement figures; --json prints the page's data (figures not computable are null). */
async function agreement(args: string[], io: Io): Promise<void> {
  const s = { type: 'string' } as const;
  const { values, positionals } = parse(args, { project: s, json: { type: 'boolean' }, annotators: s, documents: s, categories: s, group: s });
  if (positionals.length > 0) throw new UsageError(`agreement takes no positional arguments (got "${positionals.join(' ')}").`);
  const slug = required(values.project, '--project');
  // Annotators may be named by e-mail, which people know, or by id, which the page's URLs carry.
  const annotators: string[] = [];
  for (const who of (values.annotators ?? '').split(',').map((w) => w.trim()).filter(Boolean)) {
    if (!who.includes('@')) {
      annotators.push(who);
      continue;
    }
    const user = await findUserByEmail(who);
    if (!user) throw new UsageError(`--annotators: no account ${who}.`);
    annotators.push(user.id);
  }
  const view = await getAgreement(systemActor, slug, { annotators, documents: values.documents, categories: values.categories, group: await groupOption(slug, values.group) });
  if (values.json) {
    io.out(JSON.stringify({ project: view.project, selection: view.selection, notes: view.notes, report: view.report ? agreementReportToJson(view.report) : null }, null, 2));
    return;
  }
  io.out(`Agreement in ${view.project.name} (${view.project.slug})`);
  for (const note of view.notes) io.out(`Note: ${note}`);
  if (!view.report) return;
  const titles = new Map(view.documents.map((d) => [d.id, displayTitle(d)]));
  for (const line of formatAgreementText(view.report, titles)) io.out(line);
}

/** The comparison: --json prints the matrix, profiles and distances for scripts. */
async function compare(args: string[], io: Io): Promise<void> {
  const s = { type: 'string' } as const;
  const { values, positionals } = parse(args, { project: s, json: { type: 'boolean' }, layer: s, documents: s, categories: s, attr: s, annotators: s, group: s });
  if (positionals.length > 0) throw new UsageError(`compare takes no positional arguments (got "${positionals.join(' ')}").`);
  let layer = values.layer;
  if (layer?.includes('@')) {
    const user = await findUserByEmail(layer);
    if (!user) throw new UsageError(`--layer: no account ${layer}.`);
    layer = user.id;
  }
  const slug = required(values.project, '--project');
  const view = await getComparison(systemActor, slug, {
    layer, documents: values.documents, categories: values.categories, attr: values.attr, annotators: values.annotators, group: await groupOption(slug, values.group),
  });
  if (values.json) {
    io.out(JSON.stringify(comparisonToJson(view), null, 2));
    return;
  }
  for (const line of formatComparisonText(view)) io.out(line);
}

async function seed(io: Io): Promise<void> {
  const report = await seedDemo();
  io.out(
    `Seed: project ${demoProject.slug} ${report.projectCreated ? 'created' : 'present'}; ` +
      `${report.documentsCreated} articles, ${report.categoriesCreated} categories, ${report.annotationsCreated} annotations, ${report.usersCreated} accounts added.`,
  );
  io.out(`Demo accounts (password "${demoPassword}"): ${demoUsers.map((u) => `${u.email} (${u.role.toLowerCase()})`).join(', ')}`);
}

/** Runs one CLI command; returns the process exit code (0 ok, 1 refused, 2 bad arguments). */
export async function runCommand(argv: string[], io: Io): Promise<number> {
  const [command, sub, ...rest] = argv;
  try {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.out(usage);
      return command === undefined ? 2 : 0;
    }
    if (command === 'project' && sub === 'create') await projectCreate(rest, io);
    else if (command === 'project' && (sub === 'archive' || sub === 'restore')) await projectArchive(rest, io, sub === 'archive');
    else if (command === 'project' && sub === 'delete') await projectDelete(rest, io);
    else if (command === 'users' && sub === 'add') await usersAdd(rest, io);
    else if (command === 'token' && sub === 'create') await tokenCreate(rest, io);
    else if (command === 'import') await importCommand(sub === undefined ? rest : [sub, ...rest], io);
    else if (command === 'seed') await seed(io);
    else if (command === 'activity') await activity(sub === undefined ? rest : [sub, ...rest], io);
    else if (command === 'agreement') await agreement(sub === undefined ? rest : [sub, ...rest], io);
    else if (command === 'compare') await compare(sub === undefined ? rest : [sub, ...rest], io);
    else if (command === 'export') await exportCommand(sub === undefined ? rest : [sub, ...rest], io);
    else throw new UsageError(`Unknown command "${[command, sub].filter(Boolean).join(' ')}".`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`Error: ${error.message}\n\n${usage}`);
      return 2;
    }
    if (isAppError(error)) {
      io.err(`Error: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
