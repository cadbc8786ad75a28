// Reading the entries of a zip archive (a .qdpx) without trusting what the archive says about
// itself. A zip's headers declare each entry's size, and a hostile file declares 1,000 bytes for an
// entry that inflates to a gigabyte: so the bytes actually inflated are counted as they come, and
// reading stops at the limit, with memory bounded by the limit and not by the archive's claims.
//
// yauzl reads the central directory (random access, from a file on disk or a buffer), refuses an
// entry whose inflated size differs from the one it declares (`validateEntrySizes`), and streams
// each entry through zlib; nothing here inflates more than `maxEntryBytes` of one entry or
// `maxTotalBytes` in all. Entries are listed first and inflated only when asked for, so a .docx or
// a video that a project keeps beside its texts is never inflated.
import yauzl from 'yauzl';
import { ImportError } from './errors';

export type ArchiveLimits = { maxEntryBytes: number; maxTotalBytes: number };

export const defaultArchiveLimits: ArchiveLimits = { maxEntryBytes: 128 * 1024 * 1024, maxTotalBytes: 384 * 1024 * 1024 };

export type ArchiveEntryInfo = { name: string; declaredSize: number; compressedSize: number };

export type Archive = {
  /** Every entry, directories excluded, in the archive's order. */
  entries: ArchiveEntryInfo[];
  /** Inflates one entry (by its exact name), counting what is inflated against the limits. */
  read(name: string): Promise<Uint8Array>;
  /**
   * Inflates one entry piece by piece as they are asked for, under the same limits: a large
   * entry (a 36 MB project.qde) is then never whole in memory. An entry read again is counted
   * against the entry's limit, but only once against the archive's total.
   */
  stream(name: string): AsyncIterable<Uint8Array>;
  /** Bytes inflated so far. */
  inflated(): number;
  close(): void;
};

const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

function notAZip(detail: string): ImportError {
  return new ImportError(`the file is not a readable zip archive (${detail}): a .qdpx file is a zip holding project.qde and a Sources folder`);
}

function openZip(source: string | Uint8Array): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    const options = { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false, decodeStrings: true };
    const done = (error: Error | null, zip?: yauzl.ZipFile) => (error || !zip ? reject(notAZip(error?.message ?? 'no archive')) : resolve(zip));
    if (typeof source === 'string') yauzl.open(source, options, done);
    else yauzl.fromBuffer(Buffer.from(source.buffer, source.byteOffset, source.byteLength), options, done);
  });
}

/** Opens an archive (a path on disk, or bytes) and lists its entries. */
export async function openArchive(source: string | Uint8Array, limits: ArchiveLimits = defaultArchiveLimits): Promise<Archive> {
  const zip = await openZip(source);
  const entries = new Map<string, yauzl.Entry>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!entry.fileName.endsWith('/')) entries.set(entry.fileName, entry);
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', (error: Error) => reject(notAZip(error.message)));
      zip.readEntry();
    });
  } catch (error) {
    zip.close();
    throw error;
  }

  let inflated = 0;
  /** Entries inflated whole once already: counted in `inflated`. */
  const counted = new Set<string>();

  const open = (name: string): Promise<{ entry: yauzl.Entry; stream: NodeJS.ReadableStream & { destroy: () => void } }> => {
    const entry = entries.get(name);
    if (!entry) return Promise.reject(new ImportError(`the archive has no entry ${name}`));
    if (entry.isEncrypted()) return Promise.reject(new ImportError(`the archive entry ${name} is encrypted; export the project again without a password`));
    // A declared size over the limit is refused before anything is inflated.
    if (entry.uncompressedSize > limits.maxEntryBytes) {
      return Promise.reject(new ImportError(`the archive entry ${name} is ${mib(entry.uncompressedSize)} inflated; at most ${mib(limits.maxEntryBytes)} a file can be imported`));
    }
    return new Promise((resolve, reject) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) reject(new ImportError(`the archive entry ${name} cannot be read: ${error?.message ?? 'no data'}`));
        else resolve({ entry, stream });
      });
    });
  };
  const streamError = (name: string, entry: yauzl.Entry, error: unknown): ImportError => {
    if (error instanceof ImportError) return error;
    const message = error instanceof Error ? error.message : String(error);
    // yauzl's size check: the entry holds more (or less) than its header declares.
    const lying = /too many bytes|too few bytes|expected/i.test(message);
    return new ImportError(lying ? `the archive entry ${name} holds more data than it declares (${entry.uncompressedSize} bytes): the archive is damaged or hostile, and was refused` : `the archive entry ${name} cannot be inflated: ${message}`);
  };
  /** Counts a piece of `name` as inflated; throws at a limit. */
  const count = (name: string, size: number, piece: number) => {
    if (size > limits.maxEntryBytes) throw new ImportError(`the archive entry ${name} inflates to more than ${mib(limits.maxEntryBytes)}; at most ${mib(limits.maxEntryBytes)} a file can be imported`);
    if (counted.has(name)) return;
    inflated += piece;
    if (inflated > limits.maxTotalBytes) throw new ImportError(`the archive inflates to more than ${mib(limits.maxTotalBytes)} in all, more than can be imported`);
  };

  async function* stream(name: string): AsyncGenerator<Uint8Array> {
    const { entry, stream: inflating } = await open(name);
    let size = 0;
    let whole = false;
    try {
      for await (const chunk of inflating as AsyncIterable<Buffer>) {
        size += chunk.length;
        count(name, size, chunk.length);
        yield chunk;
      }
      whole = true;
    } catch (error) {
      throw streamError(name, entry, error);
    } finally {
      // Stopped early (the reader failed, or needed no more): the inflating stream is let go of.
      if (!whole) inflating.destroy();
      else counted.add(name);
    }
  }

  const read = async (name: string): Promise<Uint8Array> => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of stream(name)) {
      chunks.push(chunk);
      size += chunk.length;
    }
    return new Uint8Array(Buffer.concat(chunks, size));
  };

  return {
    entries: [...entries.values()].map((e) => ({ name: e.fileName, declaredSize: e.uncompressedSize, compressedSize: e.compressedSize })),
    read,
    stream,
    inflated: () => inflated,
    close: () => zip.close(),
  };
}
