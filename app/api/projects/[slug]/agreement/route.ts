import { json, withApi } from '@/lib/api';
import { agreementReportToJson } from '@/lib/agreement/text';
import { getAgreement } from '@/lib/data/agreement';

/** ?annotators=&documents=&categories= (comma-separated ids), &group=<document group id>; figures that are not computable are null. */
export const GET = withApi<{ slug: string }>(async ({ actor, params, url }) => {
  const list = (name: string) => url.searchParams.getAll(name).join(',') || undefined;
  const view = await getAgreement(actor, params.slug, { annotators: list('annotators'), documents: list('documents'), categories: list('categories'), group: url.searchParams.get('group') || undefined });
  return json({
    project: view.project,
    annotators: view.annotators,
    documents: view.documents,
    categories: view.categories,
    selection: view.selection,
    notes: view.notes,
    report: view.report ? agreementReportToJson(view.report) : null,
  });
});
