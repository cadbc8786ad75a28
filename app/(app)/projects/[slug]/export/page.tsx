import type { Metadata } from 'next';
import { ExportForm } from '@/components/export/export-form';
import { getExportChoices } from '@/lib/data/export';
import { orNotFound } from '@/lib/page-data';
import { requireActor } from '@/lib/session';

export const metadata: Metadata = { title: 'Export' };

export default async function ExportPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { actor } = await requireActor();
  const choices = await orNotFound(getExportChoices(actor, slug));
  return (
    <div className="space-y-5">
      <div>
        <h2 className="font-semibold text-stone-900">Export</h2>
        <p className="mt-1 max-w-3xl text-sm text-stone-600">
          An annotated report to read or print, or the data for a spreadsheet, for other annotation tools (W3C Web Annotation) and for qualitative analysis software (REFI-QDA).
        </p>
      </div>
      <ExportForm slug={slug} choices={choices} />
    </div>
  );
}
