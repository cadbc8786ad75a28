import 'server-only';
import { AppError } from '@/lib/errors';

/** An imported file is at most this big: a project with tens of thousands of annotations fits. */
export const maxImportBytes = 50 * 1024 * 1024;

/** A request body read as bytes, refused past maxImportBytes and when empty. */
export async function readUpload(request: Request): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxImportBytes) throw new AppError('PAYLOAD_TOO_LARGE', `The file is over ${maxImportBytes / 1024 / 1024} MB.`);
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.length > maxImportBytes) throw new AppError('PAYLOAD_TOO_LARGE', `The file is over ${maxImportBytes / 1024 / 1024} MB.`);
  if (bytes.length === 0) throw new AppError('BAD_REQUEST', 'The request needs the file as its body.');
  return bytes;
}
