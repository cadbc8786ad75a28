'use server';
import { revalidatePath } from 'next/cache';
import { importCodebookFile, importProjectFile, type ProjectImportResult } from '@/lib/data/exports';
import { AppError, toActionError, type ActionResult } from '@/lib/errors';
import { requireActor } from '@/lib/session';

const maxBytes = 50 * 1024 * 1024;

async function fileOf(form: FormData): Promise<{ name: string; bytes: Uint8Array }> {
  const file = form.get('file');
  if (!file || typeof file === 'string' || file.size === 0) throw new AppError('INVALID', 'Choose a file to import.');
  if (file.size > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `The file is over ${maxBytes / 1024 / 1024} MB.`);
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** A .qdpx or a W3C export as a new project; the format follows from the file's name. */
export async function importProjectAction(form: FormData): Promise<ActionResult<ProjectImportResult>> {
  const { actor } = await requireActor();
  try {
    const { name, bytes } = await fileOf(form);
    const format = /\.qdpx$/i.test(name) ? 'qdpx' : /\.(jsonld|json)$/i.test(name) ? 'w3c' : '';
    if (!format) throw new AppError('INVALID', `“${name}” is neither a REFI-QDA project (.qdpx) nor a W3C Web Annotation export (.jsonld or .json).`);
    const slug = String(form.get('slug') ?? '').trim() || undefined;
    const projectName = String(form.get('name') ?? '').trim() || undefined;
    const result = await importProjectFile(actor, { format, bytes, slug, name: projectName, fileName: name });
    revalidatePath('/projects');
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error, 'importProjectAction');
  }
}

/** A REFI-QDA codebook (.qdc) into the project's codebook. */
export async function importCodebookAction(slug: string, form: FormData): Promise<ActionResult<{ added: number; existing: number; attributesAdded: number }>> {
  const { actor } = await requireActor();
  try {
    const { bytes } = await fileOf(form);
    const result = await importCodebookFile(actor, slug, bytes);
    revalidatePath(`/projects/${slug}/codebook`);
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error, 'importCodebookAction');
  }
}
