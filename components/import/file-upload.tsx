'use client';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { buttonClass } from '@/components/ui/button';
import { ProgressBar } from '@/components/ui/progress';
import { formatBytes } from '@/lib/format';
import { maxUploadBytes, type ImportKind } from '@/lib/validations/import';

type Choice = { kind: ImportKind; matches: RegExp };


/**
 * Uploads a file for import with a progress bar. The browser sends the file itself as the request
 * body (no form encoding, nothing held in the page), the server streams it to disk and answers
 * with the import job, whose review page follows.
 */
export function FileUpload({
  label,
  description,
  accept,
  choices,
  project,
  submitLabel = 'Upload and review',
}: {
  label: string;
  description: string;
  accept: string;
  /** The kind of import by file name; the first that matches wins. */
  choices: Choice[];
  project?: string;
  submitLabel?: string;
}) {
  const router = useRouter();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<{ loaded: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const kind = file ? choices.find((c) => c.matches.test(file.name))?.kind : undefined;

  const upload = () => {
    if (!file) return setError('Choose a file first.');
    if (!kind) return setError(`“${file.name}” is not a file this can import (${accept}).`);
    if (file.size > maxUploadBytes) return setError(`“${file.name}” is ${formatBytes(file.size)}; an import takes at most ${formatBytes(maxUploadBytes)}.`);
    setError(null);
    setSent({ loaded: 0, total: file.size });
    const query = new URLSearchParams({ kind, fileName: file.name });
    if (project) query.set('project', project);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/imports?${query}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => setSent({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onerror = () => {
      setSent(null);
      setError('The upload did not reach the server; check the connection and try again.');
    };
    xhr.onload = () => {
      let body: { id?: string; error?: { message?: string } } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // A proxy's HTML error page: reported below by status.
      }
      if (xhr.status === 202 && body.id) {
        router.push(`/imports/${body.id}`);
        return;
      }
      setSent(null);
      setError(body.error?.message ?? `The server refused the upload (HTTP ${xhr.status}).`);
    };
    xhr.send(file);
  };

  return (
    <form
      className="space-y-3"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        upload();
      }}
    >
      <div>
        <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-stone-700">
          {label}
        </label>
        <input
          ref={input}
          id={id}
          type="file"
          accept={accept}
          disabled={sent !== null}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setError(null);
          }}
          className="block w-full text-sm text-stone-700 file:mr-3 file:rounded-md file:border-0 file:bg-accent-50 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-accent-700 hover:file:bg-accent-100"
        />
        <p className="mt-1 text-xs text-stone-500">{description}</p>
      </div>
      {sent ? (
        <ProgressBar label="Upload progress" stage={sent.loaded >= sent.total ? 'Uploaded; reading the file…' : 'Uploading'} done={sent.loaded} total={sent.total} detail={`${formatBytes(sent.loaded)} of ${formatBytes(sent.total)}`} testId="upload" />
      ) : null}
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={sent !== null || !file} className={buttonClass('primary')}>
        {sent ? 'Uploading…' : submitLabel}
      </button>
    </form>
  );
}
