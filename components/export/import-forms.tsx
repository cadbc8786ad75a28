'use client';
import { useState } from 'react';
import { FileUpload } from '@/components/import/file-upload';
import { buttonClass } from '@/components/ui/button';
import { uploadChoices } from '@/lib/export/formats';

/** Loads a .qdpx (ATLAS.ti, MAXQDA, NVivo, QualCoder, Parallax) or a Parallax W3C export as a new project, after a review. */
export function ImportProjectForm() {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} className={buttonClass('secondary')}>
        Import a project file
      </button>
    );
  }
  return (
    <div className="w-full space-y-3 rounded-xl border border-stone-200 bg-white p-5 shadow-sm sm:w-[28rem]">
      <div className="flex items-start justify-between gap-3">
        <h2 className="text-sm font-semibold text-stone-900">Import a project file</h2>
        <button type="button" onClick={() => setOpen(false)} className={buttonClass('ghost', 'px-2 py-1 text-xs')}>
          Close
        </button>
      </div>
      <FileUpload
        label="Project file"
        description="A REFI-QDA project (.qdpx) from ATLAS.ti, MAXQDA, NVivo, QualCoder or Parallax, or a Parallax W3C export (.jsonld), up to 200 MB. You see what it holds, and what will not come in, before anything is imported."
        {...uploadChoices(['qdpx', 'w3c'])}
      />
    </div>
  );
}

/** Adds a REFI-QDA codebook's codes to this project's codebook, after a review. */
export function ImportCodebookForm({ slug }: { slug: string }) {
  return (
    <FileUpload
      label="Import a REFI-QDA codebook (.qdc)"
      description="Codes from ATLAS.ti, MAXQDA, NVivo or QualCoder; code groups become category groups. Codes the codebook already has are kept as they are."
      {...uploadChoices(['qdc'])}
      project={slug}
      submitLabel="Upload codebook"
    />
  );
}

/** W3C annotations made by other tools, placed on this project's articles, after a review. */
export function ImportAnnotationsForm({ slug }: { slug: string }) {
  return (
    <FileUpload
      label="W3C annotations from other tools"
      description="A W3C Web Annotation file (.json or .jsonld) from Recogito, Hypothesis or another tool: each annotation is placed on the article it quotes. You choose whose layer they become, and see any that could not be placed, before anything is imported."
      {...uploadChoices(['annotations'])}
      project={slug}
      submitLabel="Upload annotations"
    />
  );
}
