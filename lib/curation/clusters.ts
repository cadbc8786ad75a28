// Pure: grouping the annotators' spans of one document into review items, and the merge rules
// that settle the items annotators agree on. No database, Next or React.
//
// A review item (Cluster) is a run of same-category spans that overlap one another, directly or
// through a chain (A overlaps B, B overlaps C). Inside it, spans with the same boundaries and the
// same attribute values are one Variant, supported by the annotators who marked exactly that.
// Exact agreement is what the rules count: a passage two annotators marked with different
// boundaries, or with a different blame target, is a disagreement a curator should see.

export type CurationSpan = {
  id: string;
  version: number;
  annotatorId: string;
  categoryId: string;
  start: number;
  end: number;
  /** Attribute key → option value. */
  attributes: Readonly<Record<string, string>>;
  note: string;
};

export type Variant = {
  /** Stable within a document: category, boundaries and attribute values. */
  key: string;
  categoryId: string;
  start: number;
  end: number;
  attributes: Record<string, string>;
  spans: CurationSpan[];
  /** Distinct annotators who marked exactly this, in the order of `annotatorOrder`. */
  annotatorIds: string[];
};

export type Cluster = {
  /** Stable while its spans are unchanged: the category and the ids of its spans. */
  key: string;
  categoryId: string;
  /** The extent of all its spans. */
  start: number;
  end: number;
  /** Most supported first, then in text order. */
  variants: Variant[];
  spans: CurationSpan[];
  /** Distinct annotators with a span in it. */
  annotatorIds: string[];
};

export const mergeRules = ['all', 'majority', 'any'] as const;
export type MergeRule = (typeof mergeRules)[number];

export const mergeRuleLabels: Record<MergeRule, string> = {
  all: 'All agree',
  majority: 'Majority',
  any: 'Any annotator',
};

export const mergeRuleDescriptions: Record<MergeRule, string> = {
  all: 'A passage goes into the consensus when every chosen annotator marked it with the same boundaries, category and attributes.',
  majority: 'A passage goes into the consensus when more than half of the chosen annotators marked it the same way; the minority versions of it are set aside.',
  any: 'Every passage any chosen annotator marked goes in; overlapping versions of one category are joined into one passage, keeping only attribute values they all share.',
};

function attributeKey(attributes: Readonly<Record<string, string>>): string {
  return Object.keys(attributes)
    .sort()
    .map((k) => `${k}=${attributes[k]}`)
    .join('&');
}

export function variantKey(v: { categoryId: string; start: number; end: number; attributes: Readonly<Record<string, string>> }): string {
  return `${v.categoryId}:${v.start}-${v.end}:${attributeKey(v.attributes)}`;
}

/**
 * The review items of a document: same-category spans grouped by (transitive) overlap, in text
 * order. `annotatorOrder` fixes the order annotators are listed in.
 */
export function clusterSpans(spans: readonly CurationSpan[], annotatorOrder: readonly string[] = []): Cluster[] {
  const rank = new Map(annotatorOrder.map((id, i) => [id, i]));
  const byAnnotator = (a: string, b: string) => (rank.get(a) ?? 1e9) - (rank.get(b) ?? 1e9) || a.localeCompare(b);
  const byCategory = new Map<string, CurationSpan[]>();
  for (const s of spans) {
    if (s.end <= s.start) continue;
    const list = byCategory.get(s.categoryId) ?? [];
    list.push(s);
    byCategory.set(s.categoryId, list);
  }
  const clusters: Cluster[] = [];
  for (const [categoryId, list] of byCategory) {
    list.sort((a, b) => a.start - b.start || b.end - a.end || a.id.localeCompare(b.id));
    let current: CurationSpan[] = [];
    let end = -1;
    const flush = () => {
      if (current.length > 0) clusters.push(toCluster(categoryId, current, byAnnotator));
      current = [];
    };
    for (const s of list) {
      // Half-open ranges overlap when one starts before the other ends.
      if (current.length > 0 && s.start >= end) flush();
      current.push(s);
      end = current.length === 1 ? s.end : Math.max(end, s.end);
    }
    flush();
  }
  return clusters.sort((a, b) => a.start - b.start || a.end - b.end || a.categoryId.localeCompare(b.categoryId));
}

function toCluster(categoryId: string, spans: CurationSpan[], byAnnotator: (a: string, b: string) => number): Cluster {
  const variants = new Map<string, Variant>();
  for (const s of spans) {
    const key = variantKey(s);
    let v = variants.get(key);
    if (!v) {
      v = { key, categoryId, start: s.start, end: s.end, attributes: { ...s.attributes }, spans: [], annotatorIds: [] };
      variants.set(key, v);
    }
    v.spans.push(s);
    if (!v.annotatorIds.includes(s.annotatorId)) v.annotatorIds.push(s.annotatorId);
  }
  for (const v of variants.values()) v.annotatorIds.sort(byAnnotator);
  const ordered = [...variants.values()].sort((a, b) => b.annotatorIds.length - a.annotatorIds.length || a.start - b.start || a.end - b.end);
  const annotatorIds = [...new Set(spans.map((s) => s.annotatorId))].sort(byAnnotator);
  return {
    key: `${categoryId}:${spans.map((s) => s.id).sort().join(',')}`,
    categoryId,
    start: Math.min(...spans.map((s) => s.start)),
    end: Math.max(...spans.map((s) => s.end)),
    variants: ordered,
    spans,
    annotatorIds,
  };
}

/** What a rule accepts for one cluster, and why. */
export type MergeOutcome =
  | { kind: 'accept'; clusterKey: string; reason: 'unanimous' | 'majority' | 'union' | 'single'; passage: Passage; from: Variant[] }
  | { kind: 'review'; clusterKey: string; reason: 'no-majority' | 'not-unanimous' | 'tie' };

/** A passage the consensus would hold: category, boundaries and attribute values. */
export type Passage = { categoryId: string; start: number; end: number; attributes: Record<string, string> };

export type MergePlan = {
  rule: MergeRule;
  annotatorCount: number;
  outcomes: MergeOutcome[];
  accepted: number;
  leftForReview: number;
  /** Accepted outcomes by reason; review outcomes by reason. */
  byReason: Record<string, number>;
};

/**
 * What `rule` does with each open cluster when `annotatorCount` annotators are being curated.
 * - all: the cluster has one variant and every annotator supports it.
 * - majority: one variant is supported by more than half of the annotators (a strict majority, so
 *   with two annotators it means both).
 * - any: the cluster becomes one passage spanning all its spans, with the attribute values every
 *   span that sets them agrees on.
 */
export function planMerge(clusters: readonly Cluster[], rule: MergeRule, annotatorCount: number): MergePlan {
  const outcomes: MergeOutcome[] = clusters.map((c) => outcomeOf(c, rule, annotatorCount));
  const byReason: Record<string, number> = {};
  for (const o of outcomes) byReason[`${o.kind}:${o.reason}`] = (byReason[`${o.kind}:${o.reason}`] ?? 0) + 1;
  const accepted = outcomes.filter((o) => o.kind === 'accept').length;
  return { rule, annotatorCount, outcomes, accepted, leftForReview: outcomes.length - accepted, byReason };
}

function outcomeOf(c: Cluster, rule: MergeRule, n: number): MergeOutcome {
  const top = c.variants[0];
  if (!top) return { kind: 'review', clusterKey: c.key, reason: 'not-unanimous' };
  const unanimous = c.variants.length === 1 && top.annotatorIds.length >= n;
  const passageOf = (v: Variant): Passage => ({ categoryId: v.categoryId, start: v.start, end: v.end, attributes: { ...v.attributes } });
  if (rule === 'all') {
    return unanimous
      ? { kind: 'accept', clusterKey: c.key, reason: 'unanimous', passage: passageOf(top), from: [top] }
      : { kind: 'review', clusterKey: c.key, reason: 'not-unanimous' };
  }
  if (rule === 'majority') {
    const second = c.variants[1];
    if (top.annotatorIds.length * 2 <= n) return { kind: 'review', clusterKey: c.key, reason: 'no-majority' };
    // Possible only when one annotator marked both versions: refuse to guess.
    if (second && second.annotatorIds.length === top.annotatorIds.length) return { kind: 'review', clusterKey: c.key, reason: 'tie' };
    return { kind: 'accept', clusterKey: c.key, reason: unanimous ? 'unanimous' : 'majority', passage: passageOf(top), from: [top] };
  }
  if (c.variants.length === 1) return { kind: 'accept', clusterKey: c.key, reason: unanimous ? 'unanimous' : 'single', passage: passageOf(top), from: [top] };
  return { kind: 'accept', clusterKey: c.key, reason: 'union', passage: { categoryId: c.categoryId, start: c.start, end: c.end, attributes: sharedAttributes(c.spans) }, from: c.variants };
}

/** The attribute values on which every span that sets the attribute agrees. */
export function sharedAttributes(spans: readonly { attributes: Readonly<Record<string, string>> }[]): Record<string, string> {
  const values = new Map<string, Set<string>>();
  for (const s of spans) {
    for (const [k, v] of Object.entries(s.attributes)) {
      const set = values.get(k) ?? new Set<string>();
      set.add(v);
      values.set(k, set);
    }
  }
  const out: Record<string, string> = {};
  for (const [k, set] of values) if (set.size === 1) out[k] = [...set][0]!;
  return out;
}

/** One sentence per reason, for showing what a rule did (or would do). */
export function describeMergePlan(plan: MergePlan): string[] {
  const n = (reason: string) => plan.byReason[reason] ?? 0;
  const p = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const lines: string[] = [];
  if (plan.outcomes.length === 0) return ['Nothing is open for review: every passage has been decided.'];
  lines.push(`${mergeRuleLabels[plan.rule]}: ${p(plan.accepted, 'passage')} accepted, ${p(plan.leftForReview, 'passage')} left for review.`);
  if (n('accept:unanimous')) lines.push(`${p(n('accept:unanimous'), 'passage')} marked identically by all ${plan.annotatorCount} annotators.`);
  if (n('accept:majority')) lines.push(`${p(n('accept:majority'), 'passage')} marked the same way by a majority; the other versions are set aside.`);
  if (n('accept:single')) lines.push(`${p(n('accept:single'), 'passage')} marked by only some annotators, all in the same way.`);
  if (n('accept:union')) lines.push(`${p(n('accept:union'), 'group')} of overlapping versions joined into one passage each.`);
  if (n('review:not-unanimous')) lines.push(`${p(n('review:not-unanimous'), 'passage')} not marked identically by everyone.`);
  if (n('review:no-majority')) lines.push(`${p(n('review:no-majority'), 'passage')} with no version a majority agrees on.`);
  if (n('review:tie')) lines.push(`${p(n('review:tie'), 'passage')} where two versions are tied.`);
  return lines;
}

/**
 * Which clusters are still open: a cluster is settled when every one of its spans was decided on
 * at the version it has now (an annotator's later edit reopens it).
 */
export function isSettled(cluster: Cluster, settled: ReadonlyMap<string, number>): boolean {
  return cluster.spans.every((s) => settled.get(s.id) === s.version);
}
