// A small but realistic project snapshot for the exporter tests: two articles (one with headings,
// quotes, commas, an em dash, non-ASCII letters and an emoji outside the BMP), three users, a nested
// codebook with one attribute, annotations in both layers (overlapping, with notes and attribute
// values, some starting with characters a spreadsheet would run as a formula), comments and memos.
// Offsets, quotes and context are computed from the texts, as Parallax stores them.
import { createHash } from 'node:crypto';
import { describeSpan } from '@/lib/anchoring/selectors';
import type { ExportAnnotation, ExportBlock, ExportDocument, ExportSnapshot } from '@/lib/export/types';

type BlockSource = { type: 'heading' | 'paragraph'; level?: 2 | 3; text: string };

function assemble(blocks: BlockSource[]): { text: string; blocks: ExportBlock[] } {
  let text = '';
  const out: ExportBlock[] = [];
  blocks.forEach((block, i) => {
    if (i > 0) text += '\n\n';
    const start = text.length;
    text += block.text;
    const entry: ExportBlock = { type: block.type, start, end: text.length };
    if (block.level !== undefined) entry.level = block.level;
    out.push(entry);
  });
  return { text, blocks: out };
}

export const ids = {
  project: '7d0c5a52-51a4-4a8e-9a5e-0f2b1c3d4e5f',
  ana: '3f1e2d3c-4b5a-4697-8877-665544332211',
  bilal: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
  chen: 'c0ffee00-1234-4abc-9def-001122334455',
  trust: '11111111-aaaa-4bbb-8ccc-000000000001',
  security: '11111111-aaaa-4bbb-8ccc-000000000002',
  sanctuary: '11111111-aaaa-4bbb-8ccc-000000000003',
  trade: '11111111-aaaa-4bbb-8ccc-000000000004',
  blame: '22222222-bbbb-4ccc-8ddd-000000000001',
  optTaliban: '22222222-bbbb-4ccc-8ddd-000000000002',
  optPakistan: '22222222-bbbb-4ccc-8ddd-000000000003',
  optBoth: '22222222-bbbb-4ccc-8ddd-000000000004',
  doc1: '33333333-cccc-4ddd-8eee-000000000001',
  doc2: '33333333-cccc-4ddd-8eee-000000000002',
} as const;

const article1 = assemble([
  { type: 'heading', level: 2, text: 'Talks in Istanbul end without a deal' },
  {
    type: 'paragraph',
    text: 'ISTANBUL — Pakistan’s delegation left on Friday, saying the Afghan Taliban had refused “written, verifiable guarantees” against the TTP. “We asked for one thing, and got nothing,” an official said.',
  },
  { type: 'heading', level: 3, text: 'What Kabul says' },
  {
    type: 'paragraph',
    text: 'Zabihullah Mujāhid, the Taliban’s spokesman, said Islamabad “wants us to fight its war” — a claim Pakistan rejects. Trade through Ṭorkham has been shut for weeks 🚫, hurting traders on both sides.',
  },
  {
    type: 'paragraph',
    text: 'Analysts in Peshāwar said the talks, brokered by Türkiye and Qatar, were "doomed from the start" because neither side trusts the other.',
  },
]);

const article2 = assemble([
  { type: 'paragraph', text: 'Traders at the Chaman crossing said losses had reached millions of rupees since the border closed.' },
  { type: 'paragraph', text: '"If this continues, we will be finished," said Abdul Ḥakīm, a fruit exporter.' },
  { type: 'paragraph', text: 'Officials blamed the closure on security concerns, while traders blamed politics.' },
]);

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const documents: ExportDocument[] = [
  {
    id: ids.doc1,
    title: 'Talks in Istanbul end without a deal',
    author: 'Sana Qureshi',
    authorAffiliation: 'Staff reporter, Peshawar bureau',
    outlet: 'The Frontier Post',
    publishedOn: '2025-10-31',
    sourceUrl: 'https://news.example/2025/10/31/istanbul-talks?ref=a&b=c',
    sourceName: '000_istanbul.txt',
    text: article1.text,
    blocks: article1.blocks,
    contentHash: sha256(article1.text),
    createdAt: '2025-11-01T08:00:00.000Z',
  },
  {
    id: ids.doc2,
    title: 'Border closure hits traders',
    author: null,
    authorAffiliation: null,
    outlet: 'Dawn',
    publishedOn: null,
    sourceUrl: null,
    sourceName: null,
    text: article2.text,
    blocks: article2.blocks,
    contentHash: sha256(article2.text),
    createdAt: '2025-11-01T08:05:00.000Z',
  },
];

function annotation(
  id: string,
  documentId: string,
  quote: string,
  rest: Pick<ExportAnnotation, 'layer' | 'annotatorId' | 'categoryId'> &
    Partial<Pick<ExportAnnotation, 'note' | 'attributes' | 'createdAt' | 'updatedAt'>>,
): ExportAnnotation {
  const text = documents.find((d) => d.id === documentId)!.text;
  const start = text.indexOf(quote);
  if (start === -1 || text.indexOf(quote, start + 1) !== -1) throw new Error(`fixture: "${quote}" must occur exactly once`);
  const anchor = describeSpan(text, start, start + quote.length);
  const createdAt = rest.createdAt ?? '2025-11-02T10:00:00.000Z';
  return {
    id,
    documentId,
    layer: rest.layer,
    annotatorId: rest.annotatorId,
    categoryId: rest.categoryId,
    start: anchor.start,
    end: anchor.end,
    quote: anchor.quote,
    prefix: anchor.prefix,
    suffix: anchor.suffix,
    note: rest.note ?? '',
    attributes: rest.attributes ?? {},
    createdAt,
    updatedAt: rest.updatedAt ?? createdAt,
  };
}

const refusal = 'refused “written, verifiable guarantees” against the TTP';
const tradeShut = 'Trade through Ṭorkham has been shut for weeks 🚫, hurting traders on both sides.';
const losses = 'losses had reached millions of rupees';

export const annotationIds = {
  a1: '44444444-dddd-4eee-8fff-000000000001',
  a2: '44444444-dddd-4eee-8fff-000000000002',
  a3: '44444444-dddd-4eee-8fff-000000000003',
  a4: '44444444-dddd-4eee-8fff-000000000004',
  a5: '44444444-dddd-4eee-8fff-000000000005',
  a6: '44444444-dddd-4eee-8fff-000000000006',
  a7: '44444444-dddd-4eee-8fff-000000000007',
  a8: '44444444-dddd-4eee-8fff-000000000008',
  a9: '44444444-dddd-4eee-8fff-000000000009',
  a10: '44444444-dddd-4eee-8fff-000000000010',
} as const;
const A = annotationIds;

const annotations: ExportAnnotation[] = [
  annotation(A.a1, ids.doc1, refusal, {
    layer: 'ANNOTATOR',
    annotatorId: ids.ana,
    categoryId: ids.sanctuary,
    note: 'Key claim, "verbatim" from the delegation',
    attributes: { 'blame-target': 'afghan-taliban' },
    createdAt: '2025-11-02T09:15:00.000Z',
    updatedAt: '2025-11-02T09:20:30.500Z',
  }),
  annotation(A.a2, ids.doc1, 'the Afghan Taliban had refused “written, verifiable guarantees”', {
    layer: 'ANNOTATOR',
    annotatorId: ids.bilal,
    categoryId: ids.sanctuary,
    attributes: { 'blame-target': 'afghan-taliban' },
    createdAt: '2025-11-02T11:00:00.000Z',
  }),
  annotation(A.a3, ids.doc1, tradeShut, {
    layer: 'ANNOTATOR',
    annotatorId: ids.ana,
    categoryId: ids.trade,
    note: '=SUM(A1:A2) looks like a formula\nsecond line: Ṭorkham',
    attributes: { 'blame-target': 'both-sides' },
  }),
  annotation(A.a4, ids.doc1, 'hurting traders on both sides', {
    layer: 'ANNOTATOR',
    annotatorId: ids.bilal,
    categoryId: ids.trade,
    note: '+1 agree with Ana',
  }),
  annotation(A.a5, ids.doc1, refusal, {
    layer: 'CONSENSUS',
    annotatorId: ids.chen,
    categoryId: ids.sanctuary,
    note: 'Merged from Ana and Bilal',
    attributes: { 'blame-target': 'afghan-taliban' },
    createdAt: '2025-11-03T14:00:00.000Z',
  }),
  annotation(A.a6, ids.doc1, 'were "doomed from the start" because neither side trusts the other', {
    layer: 'ANNOTATOR',
    annotatorId: ids.ana,
    categoryId: ids.trust,
  }),
  annotation(A.a7, ids.doc1, tradeShut, {
    layer: 'CONSENSUS',
    annotatorId: ids.chen,
    categoryId: ids.trade,
    attributes: { 'blame-target': 'both-sides' },
    createdAt: '2025-11-03T14:05:00.000Z',
  }),
  annotation(A.a8, ids.doc2, losses, {
    layer: 'ANNOTATOR',
    annotatorId: ids.ana,
    categoryId: ids.trade,
    attributes: { 'blame-target': 'pakistan' },
  }),
  annotation(A.a9, ids.doc2, '"If this continues, we will be finished,"', {
    layer: 'ANNOTATOR',
    annotatorId: ids.bilal,
    categoryId: ids.trust,
  }),
  annotation(A.a10, ids.doc2, losses, {
    layer: 'CONSENSUS',
    annotatorId: ids.chen,
    categoryId: ids.trade,
    note: '@Ana check the figure',
    createdAt: '2025-11-03T15:00:00.000Z',
  }),
];

export const fixture: ExportSnapshot = {
  exportedAt: '2025-11-04T12:00:00.000Z',
  baseUrl: 'http://localhost:3000',
  exportedBy: ids.chen,
  project: {
    id: ids.project,
    slug: 'pakistan-afghan-talks-october-2025',
    name: 'Pakistan–Afghan talks, October 2025',
    description: 'How outlets frame the failure of the Istanbul talks & who they blame.',
  },
  users: [
    { id: ids.ana, name: 'Ana Ahmed', email: 'ana@parallax.example' },
    { id: ids.bilal, name: 'Bilal Khan', email: 'bilal@parallax.example' },
    { id: ids.chen, name: 'Chen Li' },
  ],
  // In the order a codebook tree is read (parents before children), as the importers return it.
  categories: [
    {
      id: ids.trust,
      parentId: null,
      name: 'Trust deficit and history',
      path: 'Trust deficit and history',
      description: 'Long-standing mistrust rooted in the two states’ history.',
      color: '#e15759',
      position: 0,
    },
    {
      id: ids.security,
      parentId: null,
      name: 'Security',
      path: 'Security',
      description: '',
      color: '#4e79a7',
      position: 1,
    },
    {
      id: ids.sanctuary,
      parentId: ids.security,
      name: 'TTP sanctuary',
      path: 'Security / TTP sanctuary',
      description: 'Safe havens for the TTP in Afghanistan, and "ideological" ties <with> the Taliban.',
      color: '#76b7b2',
      position: 0,
    },
    {
      id: ids.trade,
      parentId: null,
      name: 'Trade, transit and border economics',
      path: 'Trade, transit and border economics',
      description: 'Trade restrictions, tariffs and crossing closures.\nAlso leverage in the talks.',
      color: '#b07aa1',
      position: 2,
    },
  ],
  attributes: [
    {
      id: ids.blame,
      key: 'blame-target',
      name: 'Blame target',
      description: 'Whom the passage blames for the failure.',
      options: [
        { id: ids.optTaliban, value: 'afghan-taliban', label: 'Afghan Taliban' },
        { id: ids.optPakistan, value: 'pakistan', label: 'Pakistan' },
        { id: ids.optBoth, value: 'both-sides', label: 'Both sides' },
      ],
    },
  ],
  documents,
  annotations,
  comments: [
    {
      id: '55555555-eeee-4fff-8000-000000000001',
      annotationId: A.a1,
      authorId: ids.bilal,
      body: 'Agree — but is “verifiable” the right word?',
      createdAt: '2025-11-02T12:00:00.000Z',
      editedAt: null,
    },
    {
      id: '55555555-eeee-4fff-8000-000000000002',
      annotationId: A.a1,
      authorId: ids.ana,
      body: "Yes, it's the delegation's word.\nKeeping it.",
      createdAt: '2025-11-02T12:30:00.000Z',
      editedAt: '2025-11-02T12:31:00.000Z',
    },
    {
      id: '55555555-eeee-4fff-8000-000000000003',
      annotationId: A.a8,
      authorId: ids.chen,
      body: '-5% would be a better figure',
      createdAt: '2025-11-03T09:00:00.000Z',
      editedAt: null,
    },
  ],
  memos: [
    {
      id: '66666666-ffff-4000-8111-000000000001',
      documentId: ids.doc1,
      body: 'Both annotators read the refusal as the Taliban’s; the consensus follows them.',
      authorId: ids.chen,
      updatedAt: '2025-11-03T16:00:00.000Z',
    },
    {
      id: '66666666-ffff-4000-8111-000000000002',
      documentId: null,
      body: 'Framing differs: Pakistani outlets blame Kabul, the others blame both sides.',
      authorId: ids.ana,
      updatedAt: '2025-11-03T17:00:00.000Z',
    },
  ],
};

/** A deep copy to mutate in a test. */
export function cloneFixture(): ExportSnapshot {
  return structuredClone(fixture);
}

// What only some tools produce, for the REFI-QDA tests (kept out of `fixture`, whose shape the other
// exporters' tests pin): a selection coded with two categories that came in from another tool
// (one selectionId, a codingId on one of them, a note on each), a third annotation that claims the
// same selectionId on another span, and two passages a text correction left unplaced (orphaned):
// their start/end still point at the old place, which now holds other text.
export const selectionIds = {
  shared: '77777777-1111-4222-8333-000000000001',
  codingSecurity: '77777777-1111-4222-8333-000000000002',
  orphanSelection: '77777777-1111-4222-8333-000000000003',
} as const;

export const extraAnnotationIds = {
  multiSecurity: '44444444-dddd-4eee-8fff-000000000011',
  multiTrade: '44444444-dddd-4eee-8fff-000000000012',
  otherSpan: '44444444-dddd-4eee-8fff-000000000013',
  orphan: '44444444-dddd-4eee-8fff-000000000014',
  orphanConsensus: '44444444-dddd-4eee-8fff-000000000015',
} as const;

export const orphanCommentId = '55555555-eeee-4fff-8000-000000000011';

const securityConcerns = 'Officials blamed the closure on security concerns';
const X = extraAnnotationIds;

/** The fixture plus a multi-coded selection and two unplaced passages (see above). */
export function richFixture(): ExportSnapshot {
  const rich = cloneFixture();
  const multiSecurity = annotation(X.multiSecurity, ids.doc2, securityConcerns, {
    layer: 'ANNOTATOR',
    annotatorId: ids.bilal,
    categoryId: ids.security,
    note: 'The stated reason.',
    attributes: { 'blame-target': 'pakistan' },
    createdAt: '2025-11-02T13:00:00.000Z',
  });
  const multiTrade = annotation(X.multiTrade, ids.doc2, securityConcerns, {
    layer: 'ANNOTATOR',
    annotatorId: ids.bilal,
    categoryId: ids.trade,
    note: 'But the cost falls on trade.\nSee the next paragraph.',
    createdAt: '2025-11-02T13:01:00.000Z',
    updatedAt: '2025-11-02T13:30:00.000Z',
  });
  const otherSpan = annotation(X.otherSpan, ids.doc2, 'while traders blamed politics', {
    layer: 'ANNOTATOR',
    annotatorId: ids.bilal,
    categoryId: ids.trust,
  });
  multiSecurity.selectionId = selectionIds.shared;
  multiSecurity.codingId = selectionIds.codingSecurity;
  multiTrade.selectionId = selectionIds.shared;
  otherSpan.selectionId = selectionIds.shared;

  // Unplaced: the quote is no longer in the text; start/end point at what is there now.
  const doc1 = rich.documents[0]!.text;
  const stale = doc1.indexOf('Zabihullah');
  const orphan: ExportAnnotation = {
    id: X.orphan,
    documentId: ids.doc1,
    layer: 'ANNOTATOR',
    annotatorId: ids.ana,
    categoryId: ids.sanctuary,
    start: stale,
    end: stale + 30,
    quote: 'Zabiullah Mujahid 🚫 said the "guests" would stay',
    prefix: 'What Kabul says\n\n',
    suffix: ', the Taliban’s spokesman',
    note: 'Spelling was corrected;\nthe claim itself moved to another article.',
    attributes: { 'blame-target': 'afghan-taliban' },
    createdAt: '2025-11-02T09:30:00.000Z',
    updatedAt: '2025-11-02T09:45:00.000Z',
    orphaned: true,
    selectionId: selectionIds.orphanSelection,
  };
  const orphanConsensus: ExportAnnotation = {
    id: X.orphanConsensus,
    documentId: ids.doc2,
    layer: 'CONSENSUS',
    annotatorId: ids.chen,
    categoryId: ids.trade,
    start: 0,
    end: 12,
    quote: 'Traders at the Torkham crossing',
    prefix: '',
    suffix: ' said losses had reached',
    note: '',
    attributes: {},
    createdAt: '2025-11-03T15:30:00.000Z',
    updatedAt: '2025-11-03T15:30:00.000Z',
    orphaned: true,
  };
  rich.annotations.push(multiSecurity, multiTrade, otherSpan, orphan, orphanConsensus);
  rich.comments.push({
    id: orphanCommentId,
    annotationId: X.orphan,
    authorId: ids.chen,
    body: 'Re-attach once the new text is in.',
    createdAt: '2025-11-03T10:00:00.000Z',
    editedAt: null,
  });
  return rich;
}
