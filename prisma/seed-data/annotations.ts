// Demo annotations of the five seed articles by three analysts, so a fresh install can show
// agreement, disagreement and per-author comparisons before anyone has tagged anything.
//
// Each quote is a verbatim substring of the article's canonical text (its blocks joined by "\n\n")
// and stays inside one block. The three analysts were written to behave like real coders:
// - ana tags thoroughly, mostly whole sentences, and nearly always sets the blame target;
// - ben is selective, tags short clauses, sometimes reads a passage as a different (defensible)
//   category, and sets the blame target less often;
// - cyd sits in between: splits some of ana's sentences in two, merges a few, misses passages and
//   occasionally disagrees on who is to blame.
// The overlaps, disagreements and nested spans are therefore genuine, not generated:
// tests/unit/seed/annotations.test.ts measures them from this data.

export type SeedAnnotation = {
  annotator: 'ana' | 'ben' | 'cyd';
  /** `sourceName` of the seed article. */
  sourceName: string;
  /** Verbatim substring of that article's canonical text. */
  quote: string;
  /** 0-based; only when the quote occurs more than once in the text. */
  occurrence?: number;
  /** A category key from codebook.ts. */
  category: string;
  blameTarget?: 'afghan-taliban' | 'pakistan' | 'ttp' | 'india' | 'both-sides' | 'structural';
  note?: string;
};

export const demoAnnotatorEmails = {
  ana: 'ana@parallax.example',
  ben: 'ben@parallax.example',
  cyd: 'cyd@parallax.example',
} as const;

function describeAnnotation(a: SeedAnnotation): string {
  const quote = a.quote.length > 60 ? `${a.quote.slice(0, 57)}...` : a.quote;
  const occurrence = a.occurrence === undefined ? '' : ` (occurrence ${a.occurrence})`;
  return `${a.annotator}/${a.sourceName}/${a.category}: "${quote}"${occurrence}`;
}

/** Every start offset of `quote` in `text`, overlapping matches included. */
function occurrencesOf(text: string, quote: string): number[] {
  const found: number[] = [];
  if (quote.length === 0) return found;
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) found.push(at);
  return found;
}

/**
 * Character range of the annotation's quote in `text` (the article's canonical text).
 * Without `occurrence` the quote must occur exactly once; with it, at least occurrence + 1 times.
 */
export function locateSeedAnnotation(text: string, a: SeedAnnotation): { start: number; end: number } {
  const found = occurrencesOf(text, a.quote);
  if (a.occurrence === undefined) {
    if (found.length !== 1) {
      throw new Error(
        found.length === 0
          ? `Seed annotation not found in its article: ${describeAnnotation(a)}`
          : `Seed annotation quote occurs ${found.length} times; set occurrence: ${describeAnnotation(a)}`,
      );
    }
  } else if (!Number.isInteger(a.occurrence) || a.occurrence < 0 || a.occurrence >= found.length) {
    throw new Error(`Seed annotation quote occurs ${found.length} time(s), not at that occurrence: ${describeAnnotation(a)}`);
  }
  const start = found[a.occurrence ?? 0];
  if (start === undefined) throw new Error(`Seed annotation not located: ${describeAnnotation(a)}`);
  return { start, end: start + a.quote.length };
}

const ART_000 = '000_61e857c44eeacd65.txt'; // Tooba Nazakat: trust, ideology, factions, no framework
const ART_001 = '001_2a4c27f6674d840a.txt'; // "Why Did Pakistan, Afghanistan Talks Fail": ideology; carrot over stick
const ART_002 = '002_3d7eaf6e210601aa.txt'; // Faiza Abid: Afghan duplicity; deterrence
const ART_003 = '003_2063ded40225888b.txt'; // Sadia Sulaiman: four factors
const ART_004 = '004_e63e6b5f7dc9a978.txt'; // news analysis: background, impasse, scenarios

type Row = Omit<SeedAnnotation, 'annotator' | 'sourceName'>;

function by(annotator: SeedAnnotation['annotator'], sourceName: string, rows: Row[]): SeedAnnotation[] {
  return rows.map((row) => ({ annotator, sourceName, ...row }));
}

export const seedAnnotations: SeedAnnotation[] = [
  // ── 000 (Tooba Nazakat) · ana ─────────────────────────────────────────────────────────────
  ...by('ana', ART_000, [
    { quote: "The lack of mutual trust between Pakistan and Afghanistan led to the failure of talks.", category: 'trust-deficit-history', blameTarget: 'both-sides' },
    {
      quote: "The unwillingness of the Afghan Taliban to treat TTP as a hostile entity resulted in the collapse of negotiations between Pakistan and Afghanistan.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
      note: 'Unwillingness, not inability: the author puts the collapse on a choice made in Kabul.',
    },
    { quote: "The Afghan Taliban consider TTP as ideological allies.", category: 'ideological-ties-ttp-sanctuary', blameTarget: 'afghan-taliban' },
    {
      quote: "Despite the fact that the Afghan Taliban leadership denies any interference or support towards Tehrik-e-Taliban, the historical ties between these militant groups are undeniable.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    { quote: "the Afghan Taliban leadership denies any interference or support towards Tehrik-e-Taliban", category: 'denial-unverifiable-commitments', blameTarget: 'afghan-taliban' },
    {
      quote: "The USA invasion of Afghanistan had observed the inherent ideological ties between Tehrik-e-Taliban Pakistan and the Afghan Taliban, when both militant groups fought together against the USA.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "That’s the reason the leadership of the sanctioned group Tehrik-e-Taliban Pakistan (TTP) considers any action taken by the Afghan Taliban against them as a breach of alliance commitment.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'ttp',
    },
    { quote: "The Afghan Taliban has prioritized regime stability over counterterrorism cooperation.", category: 'taliban-cohesion-fragmentation', blameTarget: 'afghan-taliban' },
    { quote: "The Afghan Taliban refuses to act against Tehrik-e-Taliban to prevent the threat of internal revolt.", category: 'taliban-cohesion-fragmentation', blameTarget: 'afghan-taliban' },
    {
      quote: "In addition to the ideological ties, the Afghan Taliban has familial and tribal ties to TTP fighters as well.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "The Afghan Taliban fighters would consider any kinetic operation against the TTP as a betrayal of the shared ideology and compromise on the ‘purer’ and ‘uncompromised’ jihad.",
      category: 'taliban-cohesion-fragmentation',
      blameTarget: 'afghan-taliban',
    },
    { quote: "Ultimately led to the joining of the IS-Khorasan group.", category: 'taliban-cohesion-fragmentation', blameTarget: 'structural' },
    {
      quote: "The lack of a unified command structure of the Afghan Taliban administration serves as a failure of negotiation between Pakistan and Afghanistan.",
      category: 'taliban-cohesion-fragmentation',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "The Afghan Taliban government is a coalition of factions with different tribal, ideological, and regional loyalties, not a monolithic entity.",
      category: 'taliban-cohesion-fragmentation',
      blameTarget: 'structural',
    },
    {
      quote: "Some of these have stronger ties with Tehrik-e-Taliban Pakistan than with the central leadership of Afghanistan.",
      category: 'taliban-cohesion-fragmentation',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "The local commanders in the border province prevent the central government from taking any action against the sanctioned militant group TTP.",
      category: 'taliban-cohesion-fragmentation',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "The dialogues between the central governments of Afghanistan and Pakistan are often ignored due to internal fragmentation.",
      category: 'taliban-cohesion-fragmentation',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "The absence of a formal diplomatic framework between Pakistan and the Afghan Taliban became a central reason behind the failure of talks between both states.",
      category: 'diplomatic-framework-capacity',
      blameTarget: 'structural',
    },
    {
      quote: "Afghanistan’s de facto government is not bound by the conventions, bilateral treaties, and international pressure.",
      category: 'diplomatic-framework-capacity',
      blameTarget: 'afghan-taliban',
    },
    { quote: "Pakistan cannot record any protest in the absence of diplomatic relations for the enforcement of treaties.", category: 'diplomatic-framework-capacity', blameTarget: 'structural' },
    {
      quote: "In addition to this, international arbitration to ensure compliance doesn’t remain the subject of negotiation between two states.",
      category: 'diplomatic-framework-capacity',
      blameTarget: 'structural',
    },
    {
      quote: "The engagement between Pakistan and Afghanistan remains symbolic and heavily dependent on goodwill, which leaves no room for dialogue.",
      category: 'diplomatic-framework-capacity',
      blameTarget: 'both-sides',
    },
    { quote: "Humanitarian and economic tensions between Pakistan and Afghanistan prevent both states from finding common interests.", category: 'refugees-humanitarian', blameTarget: 'both-sides' },
    { quote: "The repatriation of undocumented Afghan refugees by Pakistan has generated deep resentment within Afghanistan.", category: 'refugees-humanitarian', blameTarget: 'pakistan' },
    { quote: "The act that became a legal necessity for Pakistan has been seen as a violation of trust by the Afghan Taliban.", category: 'refugees-humanitarian', blameTarget: 'pakistan' },
    { quote: "The tension further escalated after Pakistan decided to tighten the security on the Torkhan and Chaman borders.", category: 'trade-transit-border-economics', blameTarget: 'pakistan' },
    { quote: "An increased taxation on Afghan goods and strict trade restrictions by Pakistan further strain relations.", category: 'trade-transit-border-economics', blameTarget: 'pakistan' },
    {
      quote: "Though Pakistan takes measures as necessary regulations, yet Afghanistan de facto government considers it a coercive tool to influence its political decisions.",
      category: 'trade-transit-border-economics',
      blameTarget: 'both-sides',
      note: 'The author gives both readings of the trade measures and does not pick one.',
    },
    {
      quote: "Dialogue between two states becomes difficult when one state is struggling to maintain the everyday livelihoods of its citizens.",
      category: 'refugees-humanitarian',
      blameTarget: 'structural',
    },
    {
      quote: "Moving forward, the talks between Pakistan and Afghanistan have not yet come to a solution due to the mutual mistrust between these states.",
      category: 'trust-deficit-history',
      blameTarget: 'both-sides',
    },
    { quote: "Both these states should involve China and Iran to resolve the disagreements among them.", category: 'mediation-third-parties' },
    {
      quote: "A long-term regional security policy should has to be observed by Pakistan, which strengthens local policing capacities.",
      category: 'deterrence-use-of-force',
      note: 'Recommendation; the closest fit is a security answer rather than more talks.',
    },
    {
      quote: "The Afghan Taliban must recognize Tehrik-e-Taliban Pakistan (TTP) as a sanctioned group and take action against it.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "A shift from expectation-based negotiation to capacity-based cooperation can help in building trust between Pakistan and Afghanistan to counter terrorism.",
      category: 'diplomatic-framework-capacity',
      blameTarget: 'both-sides',
    },
  ]),

  // ── 000 (Tooba Nazakat) · ben ─────────────────────────────────────────────────────────────
  ...by('ben', ART_000, [
    { quote: "The lack of mutual trust between Pakistan and Afghanistan", category: 'trust-deficit-history' },
    { quote: "The unwillingness of the Afghan Taliban to treat TTP as a hostile entity", category: 'ideological-ties-ttp-sanctuary', blameTarget: 'afghan-taliban' },
    { quote: "The Afghan Taliban consider TTP as ideological allies.", category: 'ideological-ties-ttp-sanctuary' },
    { quote: "the Afghan Taliban leadership denies any interference or support towards Tehrik-e-Taliban", category: 'denial-unverifiable-commitments', blameTarget: 'afghan-taliban' },
    { quote: "the historical ties between these militant groups are undeniable", category: 'ideological-ties-ttp-sanctuary' },
    { quote: "The Afghan Taliban has prioritized regime stability over counterterrorism cooperation.", category: 'taliban-cohesion-fragmentation', blameTarget: 'afghan-taliban' },
    { quote: "a betrayal of the shared ideology", category: 'ideological-ties-ttp-sanctuary' },
    { quote: "Some of these have stronger ties with Tehrik-e-Taliban Pakistan than with the central leadership of Afghanistan.", category: 'ideological-ties-ttp-sanctuary' },
    { quote: "The local commanders in the border province prevent the central government from taking any action", category: 'taliban-cohesion-fragmentation', blameTarget: 'afghan-taliban' },
    { quote: "The absence of a formal diplomatic framework between Pakistan and the Afghan Taliban", category: 'diplomatic-framework-capacity', blameTarget: 'structural' },
    { quote: "Afghanistan’s de facto government is not bound by the conventions, bilateral treaties, and international pressure.", category: 'diplomatic-framework-capacity' },
    { quote: "international arbitration to ensure compliance doesn’t remain the subject of negotiation", category: 'mediation-third-parties' },
    {
      quote: "heavily dependent on goodwill",
      category: 'denial-unverifiable-commitments',
      note: 'Goodwill instead of anything verifiable.',
    },
    { quote: "The repatriation of undocumented Afghan refugees by Pakistan has generated deep resentment within Afghanistan.", category: 'refugees-humanitarian', blameTarget: 'pakistan' },
    { quote: "seen as a violation of trust by the Afghan Taliban", category: 'trust-deficit-history' },
    { quote: "Pakistan decided to tighten the security on the Torkhan and Chaman borders", category: 'deterrence-use-of-force', blameTarget: 'pakistan' },
    { quote: "An increased taxation on Afghan goods and strict trade restrictions by Pakistan", category: 'trade-transit-border-economics', blameTarget: 'pakistan' },
    { quote: "The frequent border closures have damaged Afghanistan’s economy.", category: 'trade-transit-border-economics' },
    { quote: "considers it a coercive tool to influence its political decisions", category: 'trade-transit-border-economics' },
    { quote: "Dialogue between two states becomes difficult when one state is struggling to maintain the everyday livelihoods of its citizens.", category: 'trade-transit-border-economics' },
    { quote: "due to the mutual mistrust between these states", category: 'trust-deficit-history', blameTarget: 'both-sides' },
    { quote: "involve China and Iran", category: 'mediation-third-parties' },
    { quote: "A shift from expectation-based negotiation to capacity-based cooperation", category: 'trust-deficit-history' },
  ]),

  // ── 000 (Tooba Nazakat) · cyd ─────────────────────────────────────────────────────────────
  ...by('cyd', ART_000, [
    { quote: "The lack of mutual trust between Pakistan and Afghanistan led to the failure of talks.", category: 'trust-deficit-history', blameTarget: 'both-sides' },
    { quote: "delegations of both states returned home without any plan for future meetings", category: 'diplomatic-framework-capacity', blameTarget: 'both-sides' },
    {
      quote: "The unwillingness of the Afghan Taliban to treat TTP as a hostile entity resulted in the collapse of negotiations",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    { quote: "The Afghan Taliban consider TTP as ideological allies.", category: 'ideological-ties-ttp-sanctuary', blameTarget: 'afghan-taliban' },
    {
      quote: "Despite the fact that the Afghan Taliban leadership denies any interference or support towards Tehrik-e-Taliban",
      category: 'denial-unverifiable-commitments',
      blameTarget: 'afghan-taliban',
    },
    { quote: "the historical ties between these militant groups are undeniable.", category: 'ideological-ties-ttp-sanctuary' },
    { quote: "when both militant groups fought together against the USA", category: 'ideological-ties-ttp-sanctuary' },
    { quote: "The Afghan Taliban has prioritized regime stability over counterterrorism cooperation.", category: 'taliban-cohesion-fragmentation', blameTarget: 'afghan-taliban' },
    { quote: "The Afghan Taliban refuses to act against Tehrik-e-Taliban to prevent the threat of internal revolt.", category: 'taliban-cohesion-fragmentation', blameTarget: 'afghan-taliban' },
    { quote: "In addition to the ideological ties, the Afghan Taliban has familial and tribal ties to TTP fighters as well.", category: 'ideological-ties-ttp-sanctuary' },
    {
      quote: "The Afghan Taliban fighters would consider any kinetic operation against the TTP as a betrayal of the shared ideology",
      category: 'taliban-cohesion-fragmentation',
      blameTarget: 'afghan-taliban',
    },
    { quote: "Ultimately led to the joining of the IS-Khorasan group.", category: 'taliban-cohesion-fragmentation' },
    {
      quote: "The lack of a unified command structure of the Afghan Taliban administration serves as a failure of negotiation between Pakistan and Afghanistan.",
      category: 'taliban-cohesion-fragmentation',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "The Afghan Taliban government is a coalition of factions with different tribal, ideological, and regional loyalties",
      category: 'taliban-cohesion-fragmentation',
      blameTarget: 'structural',
    },
    {
      quote: "The absence of a formal diplomatic framework between Pakistan and the Afghan Taliban became a central reason behind the failure of talks between both states.",
      category: 'diplomatic-framework-capacity',
      blameTarget: 'structural',
    },
    {
      quote: "Afghanistan’s de facto government is not bound by the conventions, bilateral treaties, and international pressure.",
      category: 'diplomatic-framework-capacity',
      blameTarget: 'afghan-taliban',
    },
    { quote: "The engagement between Pakistan and Afghanistan remains symbolic and heavily dependent on goodwill", category: 'diplomatic-framework-capacity', blameTarget: 'both-sides' },
    { quote: "The repatriation of undocumented Afghan refugees by Pakistan has generated deep resentment within Afghanistan.", category: 'refugees-humanitarian', blameTarget: 'pakistan' },
    {
      quote: "The act that became a legal necessity for Pakistan has been seen as a violation of trust by the Afghan Taliban.",
      category: 'trust-deficit-history',
      blameTarget: 'afghan-taliban',
      note: 'The author calls the repatriation a legal necessity; the broken trust is Kabul’s reading of it.',
    },
    { quote: "The tension further escalated after Pakistan decided to tighten the security on the Torkhan and Chaman borders.", category: 'trade-transit-border-economics', blameTarget: 'pakistan' },
    { quote: "An increased taxation on Afghan goods and strict trade restrictions by Pakistan further strain relations.", category: 'trade-transit-border-economics', blameTarget: 'pakistan' },
    { quote: "A temporary closure of routes by Pakistan causes inflated prices and shortages of essential commodities.", category: 'trade-transit-border-economics', blameTarget: 'pakistan' },
    { quote: "yet Afghanistan de facto government considers it a coercive tool to influence its political decisions", category: 'trade-transit-border-economics', blameTarget: 'afghan-taliban' },
    {
      quote: "the talks between Pakistan and Afghanistan have not yet come to a solution due to the mutual mistrust between these states",
      category: 'trust-deficit-history',
      blameTarget: 'both-sides',
    },
    { quote: "Both these states should involve China and Iran to resolve the disagreements among them.", category: 'mediation-third-parties' },
    {
      quote: "The Afghan Taliban must recognize Tehrik-e-Taliban Pakistan (TTP) as a sanctioned group and take action against it.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
  ]),

  // ── 001 (Why Did Pakistan, Afghanistan Talks Fail) · ana ──────────────────────────────────
  ...by('ana', ART_001, [
    {
      quote: "The failure of negotiations at a moment when South Asia has entered a new normal of violating the sovereignty of neighboring states signifies the growing strategic instability in the region.",
      category: 'india-regional-geopolitics',
      blameTarget: 'structural',
    },
    {
      quote: "The recent conflict between Pakistan and Afghanistan was not an isolated event; it was a crisis in the making from the very beginning of Taliban rule.",
      category: 'trust-deficit-history',
      blameTarget: 'structural',
    },
    {
      quote: "Since the regime’s comeback, Pakistan has urged them to take tough action against the Tehrik-e-Taliban Pakistan (TTP) and other terrorist organizations that are in open rebellion against the state of Pakistan, like the Balochistan Liberation Army (BLA).",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "These organizations have, over the years, found safe havens in Afghanistan and used the Afghan soil as an operating base to target military forces and civilians in Pakistan.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "Though Pakistan had initially trod lightly with the regime due to historic ties, last year proved to be a breaking point for Pakistan when it suffered the highest number of terrorism-related casualties recorded in a decade.",
      category: 'trust-deficit-history',
      blameTarget: 'structural',
    },
    { quote: "The government in Pakistan responded by making strikes deep inside Afghan territory, targeting terrorist networks.", category: 'deterrence-use-of-force', blameTarget: 'pakistan' },
    {
      quote: "However, despite the strikes, the Taliban regime showed no progress toward dismantling these networks.",
      category: 'deterrence-use-of-force',
      blameTarget: 'afghan-taliban',
      note: 'Used as evidence that the strikes did not change Kabul’s behaviour.',
    },
    {
      quote: "As a consequence, Pakistan resorted to strength once again on the 9th of October and did cross-border strikes to put pressure on the Taliban regime.",
      category: 'deterrence-use-of-force',
      blameTarget: 'pakistan',
    },
    {
      quote: "Both have blamed each other for the failure of negotiations, and both have warned of grave consequences if their red lines are crossed.",
      category: 'denial-unverifiable-commitments',
      blameTarget: 'both-sides',
    },
    {
      quote: "The failure of negotiations between the Taliban and their former patrons and partners seems rather ironic.",
      category: 'trust-deficit-history',
      blameTarget: 'pakistan',
      note: 'Alludes to Pakistan’s past patronage of the Taliban.',
    },
    {
      quote: "However, understanding the reluctance of the Taliban to take a tough stance on TTP requires an understanding of their ideology and their long history of mutual resistance and collaboration with the TTP.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "Though Pakistan might have opted for the policy of good/bad Taliban, their counterparts in Afghanistan do not share this worldview.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "For them, the struggle of TTP against the government of Pakistan is legitimate, and it is their religious obligation to help their brothers in their struggle against an “illegitimate regime.”",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "Moreover, aside from the ideological alignment, the Afghan Taliban share strong ties with the TTP that stretch back decades.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "This long history of mutual resistance has created deep bonds and a sense of brotherhood among the ranks of both groups.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "Therefore, even if the top Taliban leadership wanted to distance themselves from the TTP, they would have a tough time purging the TTP-sympathizing elements within the group.",
      category: 'taliban-cohesion-fragmentation',
      blameTarget: 'afghan-taliban',
      note: 'Here the author frames it as capacity as much as choice.',
    },
    {
      quote: "There is also the danger that if the top leadership does take a tough stance against TTP, it would come across as compromising the principles of the organization and conceding ground to an “illegitimate regime.”",
      category: 'taliban-cohesion-fragmentation',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "This can further lead to disillusionment within the Taliban ranks, some of whom might join anti-Taliban forces such as ISIS-K.",
      category: 'taliban-cohesion-fragmentation',
      blameTarget: 'structural',
    },
    { quote: "To prevent such a fiasco, the Afghan Taliban had demanded time from Islamabad since their return to power.", category: 'taliban-cohesion-fragmentation', blameTarget: 'afghan-taliban' },
    {
      quote: "However, after four years of growing insurgencies and terrorist attacks in KPK and Balochistan, Islamabad has grown impatient with prospects of progress from the Taliban regime.",
      category: 'trust-deficit-history',
      blameTarget: 'pakistan',
    },
    {
      quote: "Though the initial conflict between Pakistan and Afghanistan ended in a truce, the governments in both countries have since failed to agree to a peace framework in Istanbul.",
      category: 'diplomatic-framework-capacity',
      blameTarget: 'both-sides',
    },
    {
      quote: "This development comes at a time when India is increasing its strategic engagement in Afghanistan, which has revived the nightmares of a two-front war in Islamabad.",
      category: 'india-regional-geopolitics',
      blameTarget: 'india',
    },
    {
      quote: "Pakistan has responded to the whole situation with angst and contempt rather than restraint and diplomacy.",
      category: 'deterrence-use-of-force',
      blameTarget: 'pakistan',
      note: 'The author’s one direct criticism of Islamabad.',
    },
    {
      quote: "The increasing engagement of India and the Taliban’s reluctance to take a tough stance on TTP suggest that Pakistan does not really have many options.",
      category: 'india-regional-geopolitics',
      blameTarget: 'india',
    },
    { quote: "the Taliban’s reluctance to take a tough stance on TTP", category: 'ideological-ties-ttp-sanctuary', blameTarget: 'afghan-taliban' },
    {
      quote: "Use of strength might seem effective in the short term but it will not deter a battle-hardened group with decades of experience in asymmetric warfare.",
      category: 'deterrence-use-of-force',
      blameTarget: 'pakistan',
    },
    {
      quote: "It will only cause the deaths of innocent Afghans and breed more resentment amongst a population that already has a negative perception of Pakistan.",
      category: 'deterrence-use-of-force',
      blameTarget: 'pakistan',
    },
    {
      quote: "The use of force will, however, exhaust the military resources in Pakistan that might otherwise be useful in the case of an attack from India.",
      category: 'deterrence-use-of-force',
      blameTarget: 'pakistan',
    },
    { quote: "an attack from India", category: 'india-regional-geopolitics', blameTarget: 'india' },
    {
      quote: "At the time, Pakistan does have bargaining power over trade and refugees vis-à-vis Afghanistan.",
      category: 'trade-transit-border-economics',
      note: 'Trade as leverage, not as a cause of the failure.',
    },
    {
      quote: "Rather than using the stick, Pakistan should use the carrot by providing positive incentives, like enhancing bilateral trade or adopting a policy of leniency toward the Afghan refugees, to the Afghan regime to take a tough stance on TTP while also allowing them the time to slowly distance themselves from the group.",
      category: 'trade-transit-border-economics',
      blameTarget: 'pakistan',
    },
    { quote: "adopting a policy of leniency toward the Afghan refugees", category: 'refugees-humanitarian', blameTarget: 'pakistan' },
    {
      quote: "Otherwise, Islamabad will alienate the Taliban, who will, without doubt, welcome India to help them in their troubles with Pakistan.",
      category: 'india-regional-geopolitics',
      blameTarget: 'india',
    },
  ]),

  // ── 001 (Why Did Pakistan, Afghanistan Talks Fail) · ben ──────────────────────────────────
  ...by('ben', ART_001, [
    { quote: "signifies the growing strategic instability in the region", category: 'india-regional-geopolitics' },
    { quote: "it was a crisis in the making from the very beginning of Taliban rule", category: 'trust-deficit-history' },
    { quote: "found safe havens in Afghanistan", category: 'ideological-ties-ttp-sanctuary', blameTarget: 'afghan-taliban' },
    { quote: "Pakistan had initially trod lightly with the regime due to historic ties", category: 'trust-deficit-history', blameTarget: 'pakistan' },
    { quote: "the Taliban regime showed no progress toward dismantling these networks", category: 'denial-unverifiable-commitments', blameTarget: 'afghan-taliban' },
    { quote: "the instances of terrorist attacks again reached record numbers", category: 'ideological-ties-ttp-sanctuary', blameTarget: 'ttp' },
    { quote: "Pakistan resorted to strength once again", category: 'deterrence-use-of-force', blameTarget: 'pakistan' },
    { quote: "Both have blamed each other for the failure of negotiations", category: 'denial-unverifiable-commitments', blameTarget: 'both-sides' },
    { quote: "both have warned of grave consequences if their red lines are crossed", category: 'deterrence-use-of-force' },
    { quote: "their former patrons and partners", category: 'trust-deficit-history' },
    { quote: "requires an understanding of their ideology and their long history of mutual resistance and collaboration with the TTP", category: 'ideological-ties-ttp-sanctuary' },
    {
      quote: "Though Pakistan might have opted for the policy of good/bad Taliban",
      category: 'trust-deficit-history',
      blameTarget: 'pakistan',
      note: 'Pakistan’s own past policy towards the Taliban.',
    },
    { quote: "it is their religious obligation to help their brothers", category: 'ideological-ties-ttp-sanctuary', blameTarget: 'afghan-taliban' },
    { quote: "the Afghan Taliban share strong ties with the TTP that stretch back decades", category: 'ideological-ties-ttp-sanctuary' },
    { quote: "they would have a tough time purging the TTP-sympathizing elements within the group", category: 'taliban-cohesion-fragmentation', blameTarget: 'afghan-taliban' },
    {
      quote: "the Afghan Taliban had demanded time from Islamabad",
      category: 'denial-unverifiable-commitments',
      note: 'I read the request for time as stalling.',
    },
    { quote: "India is increasing its strategic engagement in Afghanistan", category: 'india-regional-geopolitics', blameTarget: 'india' },
    { quote: "revived the nightmares of a two-front war in Islamabad", category: 'india-regional-geopolitics' },
    { quote: "with angst and contempt rather than restraint and diplomacy", category: 'deterrence-use-of-force', blameTarget: 'pakistan' },
    { quote: "it will not deter a battle-hardened group with decades of experience in asymmetric warfare", category: 'deterrence-use-of-force' },
    { quote: "breed more resentment amongst a population that already has a negative perception of Pakistan", category: 'trust-deficit-history' },
    { quote: "Pakistan does have bargaining power over trade and refugees", category: 'trade-transit-border-economics' },
    { quote: "Rather than using the stick, Pakistan should use the carrot by providing positive incentives", category: 'deterrence-use-of-force', blameTarget: 'pakistan' },
    { quote: "welcome India to help them in their troubles with Pakistan", category: 'india-regional-geopolitics', blameTarget: 'india' },
  ]),

  // ── 001 (Why Did Pakistan, Afghanistan Talks Fail) · cyd ──────────────────────────────────
  ...by('cyd', ART_001, [
    {
      quote: "The failure of negotiations at a moment when South Asia has entered a new normal of violating the sovereignty of neighboring states",
      category: 'deterrence-use-of-force',
      blameTarget: 'structural',
      note: 'The “new normal” is cross-border strikes, so this is about force.',
    },
    {
      quote: "Since the regime’s comeback, Pakistan has urged them to take tough action against the Tehrik-e-Taliban Pakistan (TTP)",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    { quote: "These organizations have, over the years, found safe havens in Afghanistan", category: 'ideological-ties-ttp-sanctuary', blameTarget: 'afghan-taliban' },
    {
      quote: "last year proved to be a breaking point for Pakistan when it suffered the highest number of terrorism-related casualties recorded in a decade",
      category: 'trust-deficit-history',
      blameTarget: 'ttp',
    },
    { quote: "The government in Pakistan responded by making strikes deep inside Afghan territory, targeting terrorist networks.", category: 'deterrence-use-of-force', blameTarget: 'pakistan' },
    { quote: "However, despite the strikes, the Taliban regime showed no progress toward dismantling these networks.", category: 'deterrence-use-of-force', blameTarget: 'afghan-taliban' },
    {
      quote: "Pakistan resorted to strength once again on the 9th of October and did cross-border strikes to put pressure on the Taliban regime",
      category: 'deterrence-use-of-force',
      blameTarget: 'pakistan',
    },
    { quote: "Both have blamed each other for the failure of negotiations", category: 'denial-unverifiable-commitments', blameTarget: 'both-sides' },
    { quote: "both have warned of grave consequences if their red lines are crossed.", category: 'deterrence-use-of-force', blameTarget: 'both-sides' },
    { quote: "The failure of negotiations between the Taliban and their former patrons and partners seems rather ironic.", category: 'trust-deficit-history', blameTarget: 'pakistan' },
    {
      quote: "understanding the reluctance of the Taliban to take a tough stance on TTP requires an understanding of their ideology",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    { quote: "it is their religious obligation to help their brothers in their struggle against an “illegitimate regime.”", category: 'ideological-ties-ttp-sanctuary', blameTarget: 'afghan-taliban' },
    { quote: "Moreover, aside from the ideological alignment, the Afghan Taliban share strong ties with the TTP that stretch back decades.", category: 'ideological-ties-ttp-sanctuary' },
    { quote: "This long history of mutual resistance has created deep bonds and a sense of brotherhood among the ranks of both groups.", category: 'ideological-ties-ttp-sanctuary' },
    {
      quote: "Therefore, even if the top Taliban leadership wanted to distance themselves from the TTP, they would have a tough time purging the TTP-sympathizing elements within the group.",
      category: 'taliban-cohesion-fragmentation',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "if the top leadership does take a tough stance against TTP, it would come across as compromising the principles of the organization",
      category: 'taliban-cohesion-fragmentation',
      blameTarget: 'afghan-taliban',
    },
    { quote: "Islamabad has grown impatient with prospects of progress from the Taliban regime", category: 'trust-deficit-history', blameTarget: 'afghan-taliban' },
    { quote: "the governments in both countries have since failed to agree to a peace framework in Istanbul", category: 'diplomatic-framework-capacity', blameTarget: 'both-sides' },
    { quote: "This development comes at a time when India is increasing its strategic engagement in Afghanistan", category: 'india-regional-geopolitics', blameTarget: 'india' },
    { quote: "which has revived the nightmares of a two-front war in Islamabad", category: 'india-regional-geopolitics', blameTarget: 'structural' },
    { quote: "Pakistan has responded to the whole situation with angst and contempt rather than restraint and diplomacy.", category: 'deterrence-use-of-force', blameTarget: 'pakistan' },
    {
      quote: "Use of strength might seem effective in the short term but it will not deter a battle-hardened group with decades of experience in asymmetric warfare.",
      category: 'deterrence-use-of-force',
      blameTarget: 'pakistan',
    },
    { quote: "It will only cause the deaths of innocent Afghans", category: 'refugees-humanitarian', blameTarget: 'pakistan' },
    {
      quote: "The use of force will, however, exhaust the military resources in Pakistan that might otherwise be useful in the case of an attack from India.",
      category: 'india-regional-geopolitics',
      blameTarget: 'india',
    },
    { quote: "Rather than using the stick, Pakistan should use the carrot by providing positive incentives", category: 'deterrence-use-of-force', blameTarget: 'pakistan' },
    { quote: "like enhancing bilateral trade or adopting a policy of leniency toward the Afghan refugees", category: 'trade-transit-border-economics' },
    {
      quote: "Otherwise, Islamabad will alienate the Taliban, who will, without doubt, welcome India to help them in their troubles with Pakistan.",
      category: 'india-regional-geopolitics',
      blameTarget: 'pakistan',
      note: 'A consequence of Islamabad’s choice, so the blame stays with Pakistan.',
    },
    { quote: "And with the economy in the doldrums and insurgencies in two provinces", category: 'trade-transit-border-economics', blameTarget: 'structural' },
  ]),

  // ── 002 (Faiza Abid) · ana ────────────────────────────────────────────────────────────────
  ...by('ana', ART_002, [
    {
      quote: "The most recent round of Pakistan-Afghanistan negotiations in Istanbul this month verified what the security set-up at Islamabad has long believed to be true: Kabul is unwilling to dismantle the militant infrastructure threatening the safety and security of Pakistan across the border.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
      note: 'Author frames this as Kabul’s choice, not capacity.',
    },
    {
      quote: "Pakistan is entering a prolonged period of restrained conflict on its western side, where a dialogue will be needed, but deterrence will determine stability.",
      category: 'deterrence-use-of-force',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "Islamabad showed impressive restraint following the cross-border attacks of October 2025 by the Tehrik-e-Taliban Pakistan (TTP) that claimed the lives of dozens of Pakistani military personnel.",
      category: 'deterrence-use-of-force',
      blameTarget: 'ttp',
    },
    {
      quote: "Instead of creating an escalation, it chose diplomacy through involvement in Doha and later Istanbul, facilitated by Qatari and Turkish mediation.",
      category: 'mediation-third-parties',
    },
    {
      quote: "However, following three sessions of negotiation, including individual talks involving top military officials, Kabul remains elusive towards any written promises.",
      category: 'denial-unverifiable-commitments',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "The Taliban foreign ministry is declaring that it will not permit the Afghan soil to cause harm to others, yet they deny all the practical mechanisms that have been put forward by Pakistan to make their claim credible.",
      category: 'denial-unverifiable-commitments',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "Additionally, several senior Afghan Taliban leaders attended funerals of TTP militants killed by Pakistani forces, a stark signal of ideological and operational alignment rather than neutrality.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    { quote: "This is not a failure of Pakistani diplomacy; rather, it is an Afghan duplicity.", category: 'denial-unverifiable-commitments', blameTarget: 'afghan-taliban' },
    {
      quote: "Islamabad has been patient and has offered dialogue, de-escalation and even trade facilitation in order to maintain stability.",
      category: 'trade-transit-border-economics',
      blameTarget: 'afghan-taliban',
      note: 'Trade is offered as goodwill; the author’s blame stays on Kabul.',
    },
    {
      quote: "Taliban leadership, on the other hand, still considers the TTP a domestic Pakistani problem; a mere rhetorical tool that allows Kabul to get away with a free pass, whilst continuing to provide protection to militants.",
      category: 'denial-unverifiable-commitments',
      blameTarget: 'afghan-taliban',
    },
    { quote: "whilst continuing to provide protection to militants", category: 'ideological-ties-ttp-sanctuary', blameTarget: 'afghan-taliban' },
    {
      quote: "The TTP attacks are launched from the territory of Afghanistan, which are organised by commanders who are openly working in the regions of Kunar, Paktika and Nangarhar.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "Even worse, current intelligence reports and open-source news indicate that there has been a new dangerous development; a militant network called Jabhat al-Ribaat Afghanistan (JRA) has taken form, publicly urging TTP fighters to be accommodated and sponsored in Afghanistan.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "As it tolerates or permits such activity, Kabul therefore conveys to the world that it is ready to shield the enemies of Pakistan while continuing to seek diplomatic cover abroad.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "Moreover, Taliban\u2011aligned actors have revived the ‘Greater\u202fAfghanistan’ narrative, injecting a new element of territorial challenge into Pakistan–Afghanistan relations.",
      category: 'trust-deficit-history',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "The deadly suicide blast in Islamabad, said by Pakistani officials to have been orchestrated via Afghan-based networks and Indian proxies, starkly highlights how militant sanctuaries across the border are translating into domestic urban insecurity.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    { quote: "orchestrated via Afghan-based networks and Indian proxies", category: 'india-regional-geopolitics', blameTarget: 'india' },
    { quote: "This situation is further complicated by the growing Indian presence in Afghanistan.", category: 'india-regional-geopolitics', blameTarget: 'india' },
    {
      quote: "The reopening of its embassy in Kabul and the reinstatement of diplomatic and development activities indicate an effort to spread its influence on Pakistan’s western border alongside its eastern border.",
      category: 'india-regional-geopolitics',
      blameTarget: 'india',
    },
    {
      quote: "Such dynamics strengthen the Afghan authorities to condone militancy as they recalibrate against Islamabad, making the bilateral negotiation process more difficult and increasing the threat to Pakistan.",
      category: 'india-regional-geopolitics',
      blameTarget: 'india',
    },
    {
      quote: "First, it shows that the internal unity of the Taliban prevails over its regional stability; addressing the TTP would divide their own networks, many of which have tribal and ideological connections to Afghan Taliban commanders.",
      category: 'taliban-cohesion-fragmentation',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "If the Afghan Taliban are unable to suppress the activities of TTP in provinces bordering Pakistan, then their claims of territorial control are mere fiction.",
      category: 'denial-unverifiable-commitments',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "Third, it confirms the long-held perception in Pakistan that dialogue alone will never serve to secure the frontier.",
      category: 'deterrence-use-of-force',
      blameTarget: 'afghan-taliban',
    },
    { quote: "In the event that diplomacy is ineffective in securing compliance, then deterrence should fill the vacuum.", category: 'deterrence-use-of-force', blameTarget: 'afghan-taliban' },
    {
      quote: "At this point, it is implementing an approach of layered deterrence: continuing to keep the ceasefire as a diplomatic umbrella, but working on operational preparedness along the border.",
      category: 'deterrence-use-of-force',
    },
    { quote: "Cross-border surveillance, intelligence integration and fencing the borders have been hastened.", category: 'deterrence-use-of-force' },
    {
      quote: "Millions of Afghan refugees had settled in Islamabad over the decades, humanitarian assistance has been provided, and the freezing of Afghanistan’s assets has been petitioned.",
      category: 'refugees-humanitarian',
      blameTarget: 'afghan-taliban',
      note: 'The refugee record is cited in Pakistan’s defence, not as a grievance.',
    },
    { quote: "However, goodwill is not a replacement for security.", category: 'deterrence-use-of-force' },
    { quote: "By remaining a haven of the TTP, the Taliban regime will lose the moral and diplomatic space that it seeks.", category: 'ideological-ties-ttp-sanctuary', blameTarget: 'afghan-taliban' },
    {
      quote: "All in all, the recent Pakistan-Afghanistan negotiations have reinforced that while diplomacy is essential, it cannot replace security.",
      category: 'deterrence-use-of-force',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "Pakistan’s measured response, combining continued dialogue with reinforced border security, intelligence integration, and calibrated deterrence, reflects a responsible strategy: it rewards cooperation, counters provocation, and asserts that goodwill alone cannot substitute for the protection of national sovereignty and frontier security.",
      category: 'deterrence-use-of-force',
    },
  ]),

  // ── 002 (Faiza Abid) · ben ────────────────────────────────────────────────────────────────
  ...by('ben', ART_002, [
    { quote: "Kabul is unwilling to dismantle the militant infrastructure", category: 'ideological-ties-ttp-sanctuary', blameTarget: 'afghan-taliban' },
    { quote: "deterrence will determine stability", category: 'deterrence-use-of-force' },
    { quote: "facilitated by Qatari and Turkish mediation", category: 'mediation-third-parties' },
    { quote: "Kabul remains elusive towards any written promises", category: 'denial-unverifiable-commitments', blameTarget: 'afghan-taliban' },
    { quote: "they deny all the practical mechanisms that have been put forward by Pakistan to make their claim credible", category: 'denial-unverifiable-commitments' },
    { quote: "several senior Afghan Taliban leaders attended funerals of TTP militants killed by Pakistani forces", category: 'ideological-ties-ttp-sanctuary', blameTarget: 'afghan-taliban' },
    { quote: "it is an Afghan duplicity", category: 'denial-unverifiable-commitments', blameTarget: 'afghan-taliban' },
    { quote: "still considers the TTP a domestic Pakistani problem", category: 'denial-unverifiable-commitments' },
    { quote: "whilst continuing to provide protection to militants", category: 'ideological-ties-ttp-sanctuary' },
    { quote: "publicly urging TTP fighters to be accommodated and sponsored in Afghanistan", category: 'ideological-ties-ttp-sanctuary' },
    {
      quote: "Kabul therefore conveys to the world that it is ready to shield the enemies of Pakistan while continuing to seek diplomatic cover abroad",
      category: 'denial-unverifiable-commitments',
      blameTarget: 'afghan-taliban',
      note: 'The point is the double game, shielding militants while seeking cover abroad.',
    },
    { quote: "revived the ‘Greater\u202fAfghanistan’ narrative", category: 'trust-deficit-history' },
    { quote: "orchestrated via Afghan-based networks and Indian proxies", category: 'india-regional-geopolitics', blameTarget: 'india' },
    { quote: "an effort to spread its influence on Pakistan’s western border alongside its eastern border", category: 'india-regional-geopolitics', blameTarget: 'india' },
    { quote: "Such dynamics strengthen the Afghan authorities to condone militancy", category: 'india-regional-geopolitics' },
    { quote: "the internal unity of the Taliban prevails over its regional stability", category: 'taliban-cohesion-fragmentation', blameTarget: 'afghan-taliban' },
    { quote: "many of which have tribal and ideological connections to Afghan Taliban commanders", category: 'ideological-ties-ttp-sanctuary' },
    { quote: "their claims of territorial control are mere fiction", category: 'taliban-cohesion-fragmentation' },
    { quote: "dialogue alone will never serve to secure the frontier", category: 'deterrence-use-of-force' },
    { quote: "Millions of Afghan refugees had settled in Islamabad over the decades", category: 'refugees-humanitarian' },
    { quote: "goodwill is not a replacement for security", category: 'deterrence-use-of-force' },
    { quote: "By remaining a haven of the TTP", category: 'ideological-ties-ttp-sanctuary', blameTarget: 'afghan-taliban' },
    { quote: "while diplomacy is essential, it cannot replace security", category: 'deterrence-use-of-force' },
  ]),

  // ── 002 (Faiza Abid) · cyd ────────────────────────────────────────────────────────────────
  ...by('cyd', ART_002, [
    {
      quote: "Kabul is unwilling to dismantle the militant infrastructure threatening the safety and security of Pakistan across the border.",
      category: 'denial-unverifiable-commitments',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "The diplomatic process can go on as long as form dictates, but the strategic result has already been identified.",
      category: 'diplomatic-framework-capacity',
      blameTarget: 'afghan-taliban',
      note: 'Talks kept going as a formality with nothing to enforce.',
    },
    { quote: "Pakistan is entering a prolonged period of restrained conflict on its western side", category: 'deterrence-use-of-force' },
    { quote: "where a dialogue will be needed, but deterrence will determine stability", category: 'deterrence-use-of-force' },
    {
      quote: "Islamabad showed impressive restraint following the cross-border attacks of October 2025 by the Tehrik-e-Taliban Pakistan (TTP)",
      category: 'deterrence-use-of-force',
      blameTarget: 'ttp',
    },
    { quote: "it chose diplomacy through involvement in Doha and later Istanbul, facilitated by Qatari and Turkish mediation", category: 'mediation-third-parties' },
    {
      quote: "However, following three sessions of negotiation, including individual talks involving top military officials, Kabul remains elusive towards any written promises.",
      category: 'denial-unverifiable-commitments',
      blameTarget: 'afghan-taliban',
    },
    { quote: "The Taliban foreign ministry is declaring that it will not permit the Afghan soil to cause harm to others", category: 'denial-unverifiable-commitments', blameTarget: 'afghan-taliban' },
    {
      quote: "yet they deny all the practical mechanisms that have been put forward by Pakistan to make their claim credible",
      category: 'denial-unverifiable-commitments',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "Additionally, several senior Afghan Taliban leaders attended funerals of TTP militants killed by Pakistani forces, a stark signal of ideological and operational alignment rather than neutrality.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    { quote: "This is not a failure of Pakistani diplomacy; rather, it is an Afghan duplicity.", category: 'denial-unverifiable-commitments', blameTarget: 'afghan-taliban' },
    { quote: "Taliban leadership, on the other hand, still considers the TTP a domestic Pakistani problem", category: 'denial-unverifiable-commitments', blameTarget: 'afghan-taliban' },
    {
      quote: "a mere rhetorical tool that allows Kabul to get away with a free pass, whilst continuing to provide protection to militants",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "a militant network called Jabhat al-Ribaat Afghanistan (JRA) has taken form, publicly urging TTP fighters to be accommodated and sponsored in Afghanistan",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'ttp',
      note: 'The JRA network acts here, not Kabul itself.',
    },
    {
      quote: "As it tolerates or permits such activity, Kabul therefore conveys to the world that it is ready to shield the enemies of Pakistan",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "Moreover, Taliban\u2011aligned actors have revived the ‘Greater\u202fAfghanistan’ narrative, injecting a new element of territorial challenge into Pakistan–Afghanistan relations.",
      category: 'trust-deficit-history',
      blameTarget: 'structural',
    },
    {
      quote: "The deadly suicide blast in Islamabad, said by Pakistani officials to have been orchestrated via Afghan-based networks and Indian proxies",
      category: 'india-regional-geopolitics',
      blameTarget: 'india',
    },
    { quote: "This situation is further complicated by the growing Indian presence in Afghanistan.", category: 'india-regional-geopolitics', blameTarget: 'india' },
    { quote: "The reopening of its embassy in Kabul and the reinstatement of diplomatic and development activities", category: 'india-regional-geopolitics', blameTarget: 'india' },
    { quote: "First, it shows that the internal unity of the Taliban prevails over its regional stability", category: 'taliban-cohesion-fragmentation', blameTarget: 'afghan-taliban' },
    { quote: "addressing the TTP would divide their own networks, many of which have tribal and ideological connections to Afghan Taliban commanders", category: 'taliban-cohesion-fragmentation' },
    {
      quote: "Second, it reveals the hollowness of Afghan sovereignty. If the Afghan Taliban are unable to suppress the activities of TTP in provinces bordering Pakistan, then their claims of territorial control are mere fiction.",
      category: 'taliban-cohesion-fragmentation',
      blameTarget: 'afghan-taliban',
    },
    { quote: "Third, it confirms the long-held perception in Pakistan that dialogue alone will never serve to secure the frontier.", category: 'deterrence-use-of-force' },
    { quote: "In the event that diplomacy is ineffective in securing compliance, then deterrence should fill the vacuum.", category: 'deterrence-use-of-force', blameTarget: 'afghan-taliban' },
    { quote: "Cross-border surveillance, intelligence integration and fencing the borders have been hastened.", category: 'deterrence-use-of-force', blameTarget: 'pakistan' },
    { quote: "Pakistan has been criticised by some critics abroad as being prone to a hard-line policy.", category: 'deterrence-use-of-force', blameTarget: 'pakistan' },
    { quote: "Millions of Afghan refugees had settled in Islamabad over the decades, humanitarian assistance has been provided", category: 'refugees-humanitarian' },
    { quote: "By remaining a haven of the TTP, the Taliban regime will lose the moral and diplomatic space that it seeks.", category: 'ideological-ties-ttp-sanctuary', blameTarget: 'afghan-taliban' },
  ]),

  // ── 003 (Sadia Sulaiman) · ana ────────────────────────────────────────────────────────────
  ...by('ana', ART_003, [
    {
      quote: "The latest round of negotiations held in Istanbul, Turkey, from October 25 to 30, 2025, between the Afghan Taliban and Islamabad ended with an interim agreement to implement the previously agreed ceasefire in Qatar.",
      category: 'mediation-third-parties',
    },
    {
      quote: "The international mediation and continued dialogue over the past weeks bodes well; However, prospects for a successful dialogue and resolution of the conflict between Islamabad and the Afghan Taliban remain slim and unpredictable.",
      category: 'mediation-third-parties',
      blameTarget: 'both-sides',
    },
    { quote: "This is mainly due to the deterioration of bilateral relations between the two neighbors since August 2021.", category: 'trust-deficit-history', blameTarget: 'both-sides' },
    {
      quote: "Before Turkey and Qatar, China also made efforts to give peace between the two neighbors a chance in a series of trilateral talks, but without success.",
      category: 'mediation-third-parties',
    },
    {
      quote: "First, Pakistan and the Afghan Taliban do not have a common understanding or unified position on their main point of contention: the issue of terrorism and the Taliban’s support for the Fitna al Khwarj (Tehrik-i-Taliban Pakistan (TTP)) and the Fitna al Hindustan (Balochistan Liberation Army (BLA).",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'both-sides',
    },
    {
      quote: "Since 2021, Islamabad has consistently urged Kabul to take decisive action against the TTP and BLA, citing the role of these groups in exacerbating Pakistan’s security challenges, particularly in the tribal border regions and Balochistan province.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    { quote: "Conversely, the Afghan Taliban claim to have no control over the TTP or BLA.", category: 'denial-unverifiable-commitments', blameTarget: 'afghan-taliban' },
    {
      quote: "In particular, they have a soft spot for the TTP, given their shared religious ideology and decades-long historical experience as insurgent movements.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "For these groups, the use of force – including acts of violence and terrorism – is often seen as a legitimate tool to assert authority over the targeted population.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "This fundamental divergence of views on the central issue significantly undermines the prospects for a substantive and lasting resolution to the conflict between Kabul and Islamabad.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'both-sides',
    },
    {
      quote: "Second, the dialogue started in 2025 after a deadly conflict between the two countries should ideally have started in 2021, when the Afghan Taliban took power and the TTP, emboldened by the resurgence of the Taliban in Afghanistan, reactivated its operations and intensified its terrorist activities in Pakistan.",
      category: 'trust-deficit-history',
      blameTarget: 'both-sides',
      note: 'Engagement that came four years too late.',
    },
    {
      quote: "the TTP, emboldened by the resurgence of the Taliban in Afghanistan, reactivated its operations and intensified its terrorist activities in Pakistan",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'ttp',
    },
    {
      quote: "More importantly, the two neighbors were expected to engage at different levels and on different platforms to negotiate various issues of common concern, such as border security and management, repatriation of refugees, counter-terrorism and relocation of the TTP from Afghanistan.",
      category: 'diplomatic-framework-capacity',
      blameTarget: 'both-sides',
    },
    { quote: "repatriation of refugees", category: 'refugees-humanitarian' },
    {
      quote: "The prolonged delay and lack of willingness in such engagement between Kabul and Islamabad has further aggravated the pre-existing trust deficit – a historical feature of Pakistan-Afghan relations largely rooted in the issue of Kabul’s irredentist claims to the Durand Line.",
      category: 'trust-deficit-history',
      blameTarget: 'both-sides',
    },
    {
      quote: "Instead of addressing the realities on the ground and the sources of the trust deficit, both sides have resorted to mutual accusations and blame-shifting.",
      category: 'denial-unverifiable-commitments',
      blameTarget: 'both-sides',
    },
    {
      quote: "Therefore, these belated diplomatic efforts, after years of mistrust, will require significant time and commitment to rebuild trust – particularly at the local level, where communities on both sides of the border express a genuine desire for conflict resolution and confidence-building measures.",
      category: 'trust-deficit-history',
      blameTarget: 'both-sides',
    },
    {
      quote: "A third important factor shaping relations between Pakistan and Afghanistan is the complex geopolitical environment, particularly India’s recent efforts to maintain friendly ties with the Taliban regime in Kabul.",
      category: 'india-regional-geopolitics',
      blameTarget: 'india',
    },
    {
      quote: "Taliban Foreign Minister Amir Muttaqi’s visit to New Delhi in October 2025 was seen by many as an Indian effort to diplomatically isolate Pakistan and create a two-pronged challenge that could strain Islamabad’s strategic position and capabilities.",
      category: 'india-regional-geopolitics',
      blameTarget: 'india',
    },
    {
      quote: "The entire South Asian region, and Afghanistan in particular, is already facing serious socio-economic challenges and political uncertainties.",
      category: 'refugees-humanitarian',
      blameTarget: 'structural',
    },
    {
      quote: "It is imperative that India recognizes the fact that provoking the diplomatically and politically inexperienced Taliban will not limit the ensuing conflict and its repercussions to Afghanistan and Pakistan alone; rather, it will create long-term regional consequences that all South Asian states will have to bear.",
      category: 'india-regional-geopolitics',
      blameTarget: 'india',
    },
    { quote: "the diplomatically and politically inexperienced Taliban", category: 'diplomatic-framework-capacity', blameTarget: 'afghan-taliban' },
    {
      quote: "Finally, peacebuilding, negotiation and conflict resolution require that all parties possess both the political will and diplomatic capacity to engage constructively.",
      category: 'diplomatic-framework-capacity',
      blameTarget: 'structural',
    },
    { quote: "In the case of the Afghan Taliban, it appears they are missing both.", category: 'diplomatic-framework-capacity', blameTarget: 'afghan-taliban' },
    {
      quote: "Their close association with the TTP and other militant and insurgent groups undermines their willingness to confront and resolve the conflict with Pakistan, especially since the heart of the dispute lies in the Islamic Emirate’s continued logistical and political support for the TTP and the BLA.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    { quote: "In terms of capabilities, Taliban leaders also suffer from limited diplomatic exposure and training.", category: 'diplomatic-framework-capacity', blameTarget: 'afghan-taliban' },
    {
      quote: "The Taliban politburo in Qatar had already demonstrated a certain degree of political maturity due to its sustained visibility and engagement with the international community that resulted in the 2020 peace agreement between the United States and the Taliban.",
      category: 'diplomatic-framework-capacity',
      blameTarget: 'afghan-taliban',
      note: 'Contrast: the capacity existed, in the Qatar office.',
    },
    {
      quote: "However, once the Taliban returned to power, they removed the leadership of the Qatar office, leaving its members with little influence over important Taliban decisions.",
      category: 'taliban-cohesion-fragmentation',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "The significant role played by Mullah Yaqoob – former Taliban commander and current Taliban Defense Minister – during the first round of negotiations in Qatar showed that the Taliban was approaching this issue from a position of power rather than with an element of diplomatic and political will and maturity – a factor which further diminishes the prospects of a negotiated settlement for Pakistan and Afghanistan.",
      category: 'diplomatic-framework-capacity',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "In this context, Turkey and Qatar, as influential mediators, can play a central role in persuading the Afghan Taliban to recognize the serious humanitarian consequences of protected conflict for the Afghan population, who are already experiencing one of the most serious humanitarian crises in the world, marked by restricted access to livelihoods, climate catastrophe, food insecurity and gender apartheid.",
      category: 'mediation-third-parties',
    },
    { quote: "one of the most serious humanitarian crises in the world", category: 'refugees-humanitarian', blameTarget: 'structural' },
  ]),

  // ── 003 (Sadia Sulaiman) · ben ────────────────────────────────────────────────────────────
  ...by('ben', ART_003, [
    { quote: "The international mediation and continued dialogue over the past weeks bodes well", category: 'mediation-third-parties' },
    { quote: "the deterioration of bilateral relations between the two neighbors since August 2021", category: 'trust-deficit-history' },
    { quote: "China also made efforts to give peace between the two neighbors a chance in a series of trilateral talks, but without success", category: 'mediation-third-parties' },
    { quote: "Pakistan and the Afghan Taliban do not have a common understanding or unified position on their main point of contention", category: 'trust-deficit-history', blameTarget: 'both-sides' },
    { quote: "the Taliban’s support for the Fitna al Khwarj (Tehrik-i-Taliban Pakistan (TTP))", category: 'ideological-ties-ttp-sanctuary', blameTarget: 'afghan-taliban' },
    {
      quote: "the Fitna al Hindustan (Balochistan Liberation Army (BLA)",
      category: 'india-regional-geopolitics',
      blameTarget: 'india',
      note: 'The official label casts the BLA as an Indian proxy.',
    },
    { quote: "Islamabad has consistently urged Kabul to take decisive action against the TTP and BLA", category: 'ideological-ties-ttp-sanctuary' },
    { quote: "the Afghan Taliban claim to have no control over the TTP or BLA", category: 'denial-unverifiable-commitments', blameTarget: 'afghan-taliban' },
    { quote: "they have a soft spot for the TTP, given their shared religious ideology", category: 'ideological-ties-ttp-sanctuary' },
    { quote: "should ideally have started in 2021", category: 'trust-deficit-history' },
    { quote: "the TTP, emboldened by the resurgence of the Taliban in Afghanistan", category: 'ideological-ties-ttp-sanctuary' },
    { quote: "Kabul’s irredentist claims to the Durand Line", category: 'trust-deficit-history', blameTarget: 'afghan-taliban' },
    { quote: "both sides have resorted to mutual accusations and blame-shifting", category: 'denial-unverifiable-commitments', blameTarget: 'both-sides' },
    { quote: "India’s recent efforts to maintain friendly ties with the Taliban regime in Kabul", category: 'india-regional-geopolitics', blameTarget: 'india' },
    { quote: "an Indian effort to diplomatically isolate Pakistan and create a two-pronged challenge", category: 'india-regional-geopolitics', blameTarget: 'india' },
    { quote: "provoking the diplomatically and politically inexperienced Taliban", category: 'india-regional-geopolitics', blameTarget: 'india' },
    { quote: "all parties possess both the political will and diplomatic capacity to engage constructively", category: 'diplomatic-framework-capacity' },
    { quote: "it appears they are missing both", category: 'diplomatic-framework-capacity', blameTarget: 'afghan-taliban' },
    { quote: "the Islamic Emirate’s continued logistical and political support for the TTP and the BLA", category: 'ideological-ties-ttp-sanctuary', blameTarget: 'afghan-taliban' },
    { quote: "Taliban leaders also suffer from limited diplomatic exposure and training", category: 'diplomatic-framework-capacity' },
    { quote: "they removed the leadership of the Qatar office", category: 'diplomatic-framework-capacity', blameTarget: 'afghan-taliban' },
    { quote: "the Taliban was approaching this issue from a position of power rather than with an element of diplomatic and political will and maturity", category: 'diplomatic-framework-capacity' },
    { quote: "the serious humanitarian consequences of protected conflict for the Afghan population", category: 'refugees-humanitarian' },
  ]),

  // ── 003 (Sadia Sulaiman) · cyd ────────────────────────────────────────────────────────────
  ...by('cyd', ART_003, [
    {
      quote: "The latest round of negotiations held in Istanbul, Turkey, from October 25 to 30, 2025, between the Afghan Taliban and Islamabad ended with an interim agreement to implement the previously agreed ceasefire in Qatar.",
      category: 'mediation-third-parties',
    },
    {
      quote: "prospects for a successful dialogue and resolution of the conflict between Islamabad and the Afghan Taliban remain slim and unpredictable",
      category: 'trust-deficit-history',
      blameTarget: 'both-sides',
    },
    { quote: "This is mainly due to the deterioration of bilateral relations between the two neighbors since August 2021.", category: 'trust-deficit-history', blameTarget: 'both-sides' },
    { quote: "Before Turkey and Qatar, China also made efforts to give peace between the two neighbors a chance", category: 'mediation-third-parties' },
    {
      quote: "First, Pakistan and the Afghan Taliban do not have a common understanding or unified position on their main point of contention",
      category: 'denial-unverifiable-commitments',
      blameTarget: 'both-sides',
    },
    {
      quote: "the Taliban’s support for the Fitna al Khwarj (Tehrik-i-Taliban Pakistan (TTP)) and the Fitna al Hindustan (Balochistan Liberation Army (BLA)",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    { quote: "Since 2021, Islamabad has consistently urged Kabul to take decisive action against the TTP and BLA", category: 'ideological-ties-ttp-sanctuary', blameTarget: 'afghan-taliban' },
    {
      quote: "Conversely, the Afghan Taliban claim to have no control over the TTP or BLA.",
      category: 'taliban-cohesion-fragmentation',
      blameTarget: 'afghan-taliban',
      note: 'Read as a claimed lack of control rather than a denial.',
    },
    {
      quote: "In particular, they have a soft spot for the TTP, given their shared religious ideology and decades-long historical experience as insurgent movements.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "This fundamental divergence of views on the central issue significantly undermines the prospects for a substantive and lasting resolution",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'both-sides',
    },
    {
      quote: "Second, the dialogue started in 2025 after a deadly conflict between the two countries should ideally have started in 2021",
      category: 'trust-deficit-history',
      blameTarget: 'both-sides',
    },
    {
      quote: "when the Afghan Taliban took power and the TTP, emboldened by the resurgence of the Taliban in Afghanistan, reactivated its operations and intensified its terrorist activities in Pakistan",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'ttp',
    },
    {
      quote: "More importantly, the two neighbors were expected to engage at different levels and on different platforms to negotiate various issues of common concern",
      category: 'diplomatic-framework-capacity',
      blameTarget: 'both-sides',
    },
    {
      quote: "The prolonged delay and lack of willingness in such engagement between Kabul and Islamabad has further aggravated the pre-existing trust deficit",
      category: 'trust-deficit-history',
      blameTarget: 'both-sides',
    },
    {
      quote: "a historical feature of Pakistan-Afghan relations largely rooted in the issue of Kabul’s irredentist claims to the Durand Line",
      category: 'trust-deficit-history',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "Instead of addressing the realities on the ground and the sources of the trust deficit, both sides have resorted to mutual accusations and blame-shifting.",
      category: 'denial-unverifiable-commitments',
      blameTarget: 'both-sides',
    },
    {
      quote: "A third important factor shaping relations between Pakistan and Afghanistan is the complex geopolitical environment, particularly India’s recent efforts to maintain friendly ties with the Taliban regime in Kabul.",
      category: 'india-regional-geopolitics',
      blameTarget: 'india',
    },
    {
      quote: "Taliban Foreign Minister Amir Muttaqi’s visit to New Delhi in October 2025 was seen by many as an Indian effort to diplomatically isolate Pakistan",
      category: 'india-regional-geopolitics',
      blameTarget: 'india',
    },
    {
      quote: "The entire South Asian region, and Afghanistan in particular, is already facing serious socio-economic challenges and political uncertainties.",
      category: 'trade-transit-border-economics',
      blameTarget: 'structural',
    },
    {
      quote: "It is imperative that India recognizes the fact that provoking the diplomatically and politically inexperienced Taliban will not limit the ensuing conflict",
      category: 'india-regional-geopolitics',
      blameTarget: 'india',
    },
    {
      quote: "Finally, peacebuilding, negotiation and conflict resolution require that all parties possess both the political will and diplomatic capacity to engage constructively.",
      category: 'diplomatic-framework-capacity',
    },
    { quote: "In the case of the Afghan Taliban, it appears they are missing both.", category: 'diplomatic-framework-capacity', blameTarget: 'afghan-taliban' },
    {
      quote: "Their close association with the TTP and other militant and insurgent groups undermines their willingness to confront and resolve the conflict with Pakistan",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "However, once the Taliban returned to power, they removed the leadership of the Qatar office, leaving its members with little influence over important Taliban decisions.",
      category: 'taliban-cohesion-fragmentation',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "The significant role played by Mullah Yaqoob – former Taliban commander and current Taliban Defense Minister – during the first round of negotiations in Qatar",
      category: 'taliban-cohesion-fragmentation',
      blameTarget: 'afghan-taliban',
      note: 'The military wing sidelining the negotiators.',
    },
    {
      quote: "the Taliban was approaching this issue from a position of power rather than with an element of diplomatic and political will and maturity",
      category: 'diplomatic-framework-capacity',
      blameTarget: 'afghan-taliban',
    },
    { quote: "In this context, Turkey and Qatar, as influential mediators, can play a central role in persuading the Afghan Taliban", category: 'mediation-third-parties' },
    { quote: "the serious humanitarian consequences of protected conflict for the Afghan population", category: 'refugees-humanitarian', blameTarget: 'structural' },
  ]),

  // ── 004 (news analysis) · ana ─────────────────────────────────────────────────────────────
  ...by('ana', ART_004, [
    {
      quote: "This failure underscores the deep-seated mistrust and divergent priorities that continue to plague the complex relationship between the two neighbors.",
      category: 'trust-deficit-history',
      blameTarget: 'both-sides',
    },
    {
      quote: "The relationship between Pakistan and Afghanistan is historically fraught, shaped by geographical proximity, shared ethnic ties, and a contentious border.",
      category: 'trust-deficit-history',
      blameTarget: 'structural',
    },
    {
      quote: "The Durand Line, drawn in 1893 by the British, has been a persistent point of contention, with successive Afghan governments refusing to recognize it as an international boundary, fostering a sense of irredentism that Pakistan views as a challenge to its territorial integrity.",
      category: 'trust-deficit-history',
      blameTarget: 'structural',
    },
    {
      quote: "From Pakistan's independence in 1947, Afghanistan was the only country to vote against its admission to the United Nations.",
      category: 'trust-deficit-history',
      blameTarget: 'structural',
    },
    { quote: "This early friction set a precedent for decades of mistrust.", category: 'trust-deficit-history', blameTarget: 'structural' },
    {
      quote: "The Soviet invasion of Afghanistan in 1979 dramatically altered the regional landscape, transforming Pakistan into a frontline state against Soviet expansionism.",
      category: 'trust-deficit-history',
      blameTarget: 'structural',
    },
    {
      quote: "Millions of Afghan refugees poured into Pakistan, and the country became a conduit for international aid and arms to the Mujahideen, inadvertently contributing to the rise of various militant groups.",
      category: 'trust-deficit-history',
      blameTarget: 'pakistan',
    },
    { quote: "Millions of Afghan refugees poured into Pakistan", category: 'refugees-humanitarian', blameTarget: 'structural' },
    {
      quote: "Pakistan was one of only three countries to recognize the first Taliban regime (1996-2001), hoping for stability on its western border.",
      category: 'trust-deficit-history',
      blameTarget: 'pakistan',
    },
    {
      quote: "However, this relationship soured significantly after the September 11, 2001, attacks, when Pakistan aligned with the U.S. in the \"War on Terror,\" a move that led to a complex and often contradictory policy towards the Afghan Taliban and other militant groups.",
      category: 'trust-deficit-history',
      blameTarget: 'pakistan',
      note: 'Past Pakistani policy, not the talks themselves.',
    },
    {
      quote: "The TTP has long used safe havens in Afghanistan to launch attacks inside Pakistan, seeking to overthrow the Pakistani state.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'ttp',
    },
    {
      quote: "Pakistan has consistently accused successive Afghan governments, and now the interim Taliban administration, of failing to take decisive action against the TTP.",
      category: 'denial-unverifiable-commitments',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "However, this hope quickly dissipated as TTP attacks inside Pakistan surged, with Islamabad alleging that the group was operating with increased impunity from Afghan soil, often using equipment left behind by withdrawing international forces.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "Another significant factor is the presence of millions of Afghan refugees in Pakistan, many of whom have resided there for decades across multiple generations.",
      category: 'refugees-humanitarian',
      blameTarget: 'structural',
    },
    {
      quote: "While Pakistan has hosted these refugees for humanitarian reasons, their presence has also been cited as a security and economic burden.",
      category: 'refugees-humanitarian',
      blameTarget: 'structural',
    },
    {
      quote: "The issue of their repatriation has periodically become a point of tension, particularly when security incidents occur within Pakistan, leading to calls for stricter border controls and the return of undocumented Afghans.",
      category: 'refugees-humanitarian',
      blameTarget: 'pakistan',
    },
    {
      quote: "Islamabad presented evidence of TTP operational bases, leadership presence, and training camps within Afghanistan, urging the Taliban interim government to dismantle these networks and hand over key militant leaders.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "Pakistan also sought assurances of effective border management to prevent cross-border incursions and smuggling.",
      category: 'denial-unverifiable-commitments',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "Conversely, the Afghan Taliban administration largely dismissed Pakistan's claims, insisting that Afghanistan's soil would not be used against any country.",
      category: 'denial-unverifiable-commitments',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "They argued that the TTP was an internal Pakistani issue and that their government lacked the capacity or the will to engage in a full-scale military operation against a group with whom they share ideological and ethnic ties.",
      category: 'denial-unverifiable-commitments',
      blameTarget: 'afghan-taliban',
    },
    { quote: "a group with whom they share ideological and ethnic ties", category: 'ideological-ties-ttp-sanctuary', blameTarget: 'afghan-taliban' },
    {
      quote: "The Afghan side, in turn, raised concerns about Pakistan's treatment of Afghan refugees and border residents, advocating for humane treatment and easier access for trade and transit.",
      category: 'refugees-humanitarian',
      blameTarget: 'pakistan',
    },
    { quote: "easier access for trade and transit", category: 'trade-transit-border-economics', blameTarget: 'pakistan' },
    {
      quote: "According to media reports citing informed sources, the talks broke down primarily due to the Afghan Taliban's perceived unwillingness or inability to deliver on Pakistan's primary security demands regarding the TTP.",
      category: 'denial-unverifiable-commitments',
      blameTarget: 'afghan-taliban',
      note: '“Unwillingness or inability”: the report does not choose between choice and capacity.',
    },
    {
      quote: "Pakistani officials reportedly conveyed their deep frustration over the lack of concrete steps, viewing the Afghan responses as evasive and insufficient.",
      category: 'denial-unverifiable-commitments',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "The Afghan side, meanwhile, expressed resentment over what they considered Pakistani interference in their internal affairs and accusations that undermined their sovereignty.",
      category: 'denial-unverifiable-commitments',
      blameTarget: 'both-sides',
    },
    {
      quote: "No joint statement was issued following the conclusion of these talks, and officials from both sides offered only vague remarks or maintained silence, further indicating the absence of any mutually agreeable outcome.",
      category: 'diplomatic-framework-capacity',
      blameTarget: 'both-sides',
    },
    {
      quote: "The TTP, emboldened by the perceived lack of action from the Afghan Taliban and the failure of diplomatic efforts, may intensify its campaign of violence within Pakistan.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "The economic cost of counter-terrorism operations and enhanced border security will also place additional strain on Pakistan's already fragile economy.",
      category: 'trade-transit-border-economics',
      blameTarget: 'structural',
    },
    {
      quote: "Continued tensions could lead to stricter border controls by Pakistan, impacting cross-border trade and the flow of essential goods, exacerbating food insecurity and economic hardship for ordinary Afghans.",
      category: 'trade-transit-border-economics',
      blameTarget: 'pakistan',
    },
    {
      quote: "The Taliban's inability or unwillingness to address Pakistan's security concerns also reinforces international perceptions of Afghanistan as a potential haven for terrorists, further complicating its path to reintegration into the global community.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "China, a major investor in Pakistan through the China-Pakistan Economic Corridor (CPEC) and an increasingly influential player in Afghanistan, will be closely watching the situation.",
      category: 'india-regional-geopolitics',
      blameTarget: 'structural',
    },
    {
      quote: "Iran, also sharing a border with Afghanistan and hosting a large Afghan refugee population, is another stakeholder affected by the escalating tensions.",
      category: 'india-regional-geopolitics',
      blameTarget: 'structural',
    },
    {
      quote: "With security concerns mounting, Pakistan may intensify its efforts to repatriate undocumented Afghans, potentially leading to increased pressure and humanitarian challenges at the border.",
      category: 'refugees-humanitarian',
      blameTarget: 'pakistan',
    },
    {
      quote: "The lack of a structured, mutually agreed-upon framework for repatriation could result in chaotic and potentially inhumane conditions for those being sent back to an already struggling Afghanistan.",
      category: 'refugees-humanitarian',
      blameTarget: 'both-sides',
    },
    { quote: "The lack of a structured, mutually agreed-upon framework for repatriation", category: 'diplomatic-framework-capacity', blameTarget: 'both-sides' },
    {
      quote: "Pakistan has repeatedly warned that it reserves the right to take unilateral action against TTP targets inside Afghanistan if its security concerns are not addressed.",
      category: 'deterrence-use-of-force',
      blameTarget: 'pakistan',
    },
    {
      quote: "Such actions, whether targeted strikes or broader operations, could provoke retaliation from the Afghan Taliban, leading to border clashes and further destabilizing the region.",
      category: 'deterrence-use-of-force',
      blameTarget: 'both-sides',
    },
    { quote: "However, future talks might require the involvement of third-party mediators.", category: 'mediation-third-parties' },
    {
      quote: "Countries like China, Qatar, or even regional blocs like the Organization of Islamic Cooperation (OIC) could play a role in facilitating renewed discussions, offering guarantees, or providing incentives for cooperation.",
      category: 'mediation-third-parties',
    },
    { quote: "Pakistan might leverage economic tools to pressure the Afghan Taliban.", category: 'trade-transit-border-economics', blameTarget: 'afghan-taliban' },
    {
      quote: "While such measures could hurt Afghanistan's already fragile economy, they also carry the risk of backfiring, potentially pushing the Afghan population further into desperation and exacerbating anti-Pakistan sentiment.",
      category: 'trade-transit-border-economics',
      blameTarget: 'pakistan',
    },
    { quote: "Enhancing border security through fencing, increased surveillance, and troop deployment will likely remain a priority for Pakistan.", category: 'deterrence-use-of-force' },
    {
      quote: "They may increase pressure on the Afghan Taliban to fulfill their pledges regarding counter-terrorism and prevent Afghanistan from becoming a haven for militant groups.",
      category: 'mediation-third-parties',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "However, the lack of a unified approach to engaging with the Taliban interim government complicates coordinated international action.",
      category: 'mediation-third-parties',
      blameTarget: 'structural',
    },
    {
      quote: "If the Afghan Taliban consolidate power and develop a more coherent strategy, they might eventually be able to rein in the TTP.",
      category: 'taliban-cohesion-fragmentation',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "Conversely, continued internal divisions or a weakening of the Taliban's authority could empower the TTP further, perpetuating the cycle of violence.",
      category: 'taliban-cohesion-fragmentation',
      blameTarget: 'structural',
    },
  ]),

  // ── 004 (news analysis) · ben ─────────────────────────────────────────────────────────────
  ...by('ben', ART_004, [
    { quote: "the deep-seated mistrust and divergent priorities", category: 'trust-deficit-history', blameTarget: 'both-sides' },
    { quote: "The Durand Line, drawn in 1893 by the British, has been a persistent point of contention", category: 'trust-deficit-history', blameTarget: 'structural' },
    { quote: "successive Afghan governments refusing to recognize it as an international boundary", category: 'trust-deficit-history', blameTarget: 'afghan-taliban' },
    {
      quote: "transforming Pakistan into a frontline state against Soviet expansionism",
      category: 'india-regional-geopolitics',
      note: 'Cold War geopolitics rather than bilateral history.',
    },
    { quote: "inadvertently contributing to the rise of various militant groups", category: 'trust-deficit-history', blameTarget: 'pakistan' },
    { quote: "a complex and often contradictory policy towards the Afghan Taliban and other militant groups", category: 'trust-deficit-history', blameTarget: 'pakistan' },
    { quote: "The TTP has long used safe havens in Afghanistan to launch attacks inside Pakistan", category: 'ideological-ties-ttp-sanctuary' },
    { quote: "of failing to take decisive action against the TTP", category: 'ideological-ties-ttp-sanctuary', blameTarget: 'afghan-taliban' },
    { quote: "the group was operating with increased impunity from Afghan soil", category: 'ideological-ties-ttp-sanctuary', blameTarget: 'afghan-taliban' },
    { quote: "The issue of their repatriation has periodically become a point of tension", category: 'refugees-humanitarian' },
    { quote: "urging the Taliban interim government to dismantle these networks and hand over key militant leaders", category: 'ideological-ties-ttp-sanctuary' },
    { quote: "Pakistan also sought assurances of effective border management to prevent cross-border incursions and smuggling.", category: 'trade-transit-border-economics' },
    { quote: "the Afghan Taliban administration largely dismissed Pakistan's claims", category: 'denial-unverifiable-commitments', blameTarget: 'afghan-taliban' },
    { quote: "the TTP was an internal Pakistani issue", category: 'denial-unverifiable-commitments' },
    {
      quote: "their government lacked the capacity or the will to engage in a full-scale military operation",
      category: 'taliban-cohesion-fragmentation',
      note: 'Capacity here means a regime that cannot move against its own ranks.',
    },
    { quote: "raised concerns about Pakistan's treatment of Afghan refugees and border residents", category: 'refugees-humanitarian', blameTarget: 'pakistan' },
    {
      quote: "the Afghan Taliban's perceived unwillingness or inability to deliver on Pakistan's primary security demands regarding the TTP",
      category: 'denial-unverifiable-commitments',
      blameTarget: 'afghan-taliban',
    },
    { quote: "what they considered Pakistani interference in their internal affairs", category: 'trust-deficit-history', blameTarget: 'pakistan' },
    { quote: "No joint statement was issued following the conclusion of these talks", category: 'diplomatic-framework-capacity' },
    {
      quote: "The TTP, emboldened by the perceived lack of action from the Afghan Taliban and the failure of diplomatic efforts, may intensify its campaign of violence within Pakistan.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'ttp',
    },
    { quote: "stricter border controls by Pakistan, impacting cross-border trade and the flow of essential goods", category: 'trade-transit-border-economics', blameTarget: 'pakistan' },
    { quote: "China, a major investor in Pakistan through the China-Pakistan Economic Corridor (CPEC)", category: 'india-regional-geopolitics' },
    { quote: "Iran, also sharing a border with Afghanistan and hosting a large Afghan refugee population", category: 'refugees-humanitarian' },
    { quote: "Pakistan may intensify its efforts to repatriate undocumented Afghans", category: 'refugees-humanitarian', blameTarget: 'pakistan' },
    {
      quote: "Pakistan has repeatedly warned that it reserves the right to take unilateral action against TTP targets inside Afghanistan",
      category: 'deterrence-use-of-force',
      blameTarget: 'pakistan',
    },
    { quote: "future talks might require the involvement of third-party mediators", category: 'mediation-third-parties' },
    { quote: "Pakistan might leverage economic tools to pressure the Afghan Taliban.", category: 'trade-transit-border-economics' },
    { quote: "exacerbating anti-Pakistan sentiment", category: 'trust-deficit-history', blameTarget: 'pakistan' },
    { quote: "Enhancing border security through fencing, increased surveillance, and troop deployment", category: 'deterrence-use-of-force' },
    { quote: "Humanitarian organizations will continue to advocate for the rights of Afghan refugees", category: 'refugees-humanitarian' },
    { quote: "the lack of a unified approach to engaging with the Taliban interim government", category: 'mediation-third-parties' },
    { quote: "continued internal divisions or a weakening of the Taliban's authority", category: 'taliban-cohesion-fragmentation' },
  ]),

  // ── 004 (news analysis) · cyd ─────────────────────────────────────────────────────────────
  ...by('cyd', ART_004, [
    {
      quote: "This failure underscores the deep-seated mistrust and divergent priorities that continue to plague the complex relationship between the two neighbors.",
      category: 'trust-deficit-history',
      blameTarget: 'both-sides',
    },
    {
      quote: "The Durand Line, drawn in 1893 by the British, has been a persistent point of contention, with successive Afghan governments refusing to recognize it as an international boundary",
      category: 'trust-deficit-history',
      blameTarget: 'afghan-taliban',
    },
    { quote: "fostering a sense of irredentism that Pakistan views as a challenge to its territorial integrity", category: 'trust-deficit-history', blameTarget: 'structural' },
    {
      quote: "From Pakistan's independence in 1947, Afghanistan was the only country to vote against its admission to the United Nations. This early friction set a precedent for decades of mistrust.",
      category: 'trust-deficit-history',
      blameTarget: 'structural',
    },
    { quote: "Pakistan was one of only three countries to recognize the first Taliban regime (1996-2001)", category: 'trust-deficit-history', blameTarget: 'pakistan' },
    {
      quote: "when Pakistan aligned with the U.S. in the \"War on Terror,\" a move that led to a complex and often contradictory policy towards the Afghan Taliban and other militant groups",
      category: 'trust-deficit-history',
      blameTarget: 'pakistan',
    },
    {
      quote: "The TTP has long used safe havens in Afghanistan to launch attacks inside Pakistan, seeking to overthrow the Pakistani state.",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "Pakistan has consistently accused successive Afghan governments, and now the interim Taliban administration, of failing to take decisive action against the TTP.",
      category: 'denial-unverifiable-commitments',
      blameTarget: 'afghan-taliban',
    },
    { quote: "who hoped that a Pashtun-led government would be more amenable to addressing Pakistan's security concerns", category: 'trust-deficit-history', blameTarget: 'pakistan' },
    {
      quote: "The issue of their repatriation has periodically become a point of tension, particularly when security incidents occur within Pakistan",
      category: 'refugees-humanitarian',
      blameTarget: 'pakistan',
    },
    {
      quote: "Islamabad presented evidence of TTP operational bases, leadership presence, and training camps within Afghanistan",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "Conversely, the Afghan Taliban administration largely dismissed Pakistan's claims, insisting that Afghanistan's soil would not be used against any country.",
      category: 'denial-unverifiable-commitments',
      blameTarget: 'afghan-taliban',
    },
    { quote: "They argued that the TTP was an internal Pakistani issue", category: 'denial-unverifiable-commitments', blameTarget: 'afghan-taliban' },
    {
      quote: "their government lacked the capacity or the will to engage in a full-scale military operation against a group with whom they share ideological and ethnic ties",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "The Afghan side, in turn, raised concerns about Pakistan's treatment of Afghan refugees and border residents, advocating for humane treatment and easier access for trade and transit.",
      category: 'refugees-humanitarian',
      blameTarget: 'pakistan',
    },
    {
      quote: "the talks broke down primarily due to the Afghan Taliban's perceived unwillingness or inability to deliver on Pakistan's primary security demands regarding the TTP",
      category: 'denial-unverifiable-commitments',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "The Afghan side, meanwhile, expressed resentment over what they considered Pakistani interference in their internal affairs and accusations that undermined their sovereignty.",
      category: 'trust-deficit-history',
      blameTarget: 'both-sides',
    },
    {
      quote: "No joint statement was issued following the conclusion of these talks, and officials from both sides offered only vague remarks or maintained silence",
      category: 'diplomatic-framework-capacity',
      blameTarget: 'both-sides',
    },
    {
      quote: "The TTP, emboldened by the perceived lack of action from the Afghan Taliban and the failure of diplomatic efforts",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "The economic cost of counter-terrorism operations and enhanced border security will also place additional strain on Pakistan's already fragile economy.",
      category: 'deterrence-use-of-force',
      blameTarget: 'structural',
      note: 'About what deterrence costs, more than about trade.',
    },
    { quote: "The failure of talks with a key neighbor like Pakistan reduces its chances of gaining diplomatic recognition", category: 'diplomatic-framework-capacity', blameTarget: 'structural' },
    {
      quote: "Continued tensions could lead to stricter border controls by Pakistan, impacting cross-border trade and the flow of essential goods",
      category: 'trade-transit-border-economics',
      blameTarget: 'pakistan',
    },
    { quote: "exacerbating food insecurity and economic hardship for ordinary Afghans", category: 'refugees-humanitarian' },
    {
      quote: "The Taliban's inability or unwillingness to address Pakistan's security concerns also reinforces international perceptions of Afghanistan as a potential haven for terrorists",
      category: 'ideological-ties-ttp-sanctuary',
      blameTarget: 'afghan-taliban',
    },
    {
      quote: "Instability on their shared border poses a risk of spillover, potentially affecting Central Asian states concerned about the spread of extremism.",
      category: 'india-regional-geopolitics',
      blameTarget: 'structural',
    },
    {
      quote: "China, a major investor in Pakistan through the China-Pakistan Economic Corridor (CPEC) and an increasingly influential player in Afghanistan, will be closely watching the situation.",
      category: 'mediation-third-parties',
    },
    {
      quote: "Iran, also sharing a border with Afghanistan and hosting a large Afghan refugee population, is another stakeholder affected by the escalating tensions.",
      category: 'india-regional-geopolitics',
      blameTarget: 'structural',
    },
    { quote: "With security concerns mounting, Pakistan may intensify its efforts to repatriate undocumented Afghans", category: 'refugees-humanitarian', blameTarget: 'pakistan' },
    {
      quote: "The lack of a structured, mutually agreed-upon framework for repatriation could result in chaotic and potentially inhumane conditions for those being sent back to an already struggling Afghanistan.",
      category: 'refugees-humanitarian',
      blameTarget: 'both-sides',
    },
    {
      quote: "Pakistan has repeatedly warned that it reserves the right to take unilateral action against TTP targets inside Afghanistan if its security concerns are not addressed.",
      category: 'deterrence-use-of-force',
      blameTarget: 'pakistan',
    },
    {
      quote: "Such actions, whether targeted strikes or broader operations, could provoke retaliation from the Afghan Taliban, leading to border clashes",
      category: 'deterrence-use-of-force',
      blameTarget: 'pakistan',
    },
    { quote: "However, future talks might require the involvement of third-party mediators.", category: 'mediation-third-parties' },
    {
      quote: "Pakistan might leverage economic tools to pressure the Afghan Taliban. This could include further restrictions on cross-border trade, transit routes, and tightening visa regimes.",
      category: 'trade-transit-border-economics',
      blameTarget: 'pakistan',
    },
    {
      quote: "they also carry the risk of backfiring, potentially pushing the Afghan population further into desperation and exacerbating anti-Pakistan sentiment",
      category: 'trade-transit-border-economics',
      blameTarget: 'pakistan',
    },
    { quote: "They may increase pressure on the Afghan Taliban to fulfill their pledges regarding counter-terrorism", category: 'mediation-third-parties', blameTarget: 'afghan-taliban' },
    {
      quote: "If the Afghan Taliban consolidate power and develop a more coherent strategy, they might eventually be able to rein in the TTP.",
      category: 'taliban-cohesion-fragmentation',
      blameTarget: 'afghan-taliban',
    },
    { quote: "continued internal divisions or a weakening of the Taliban's authority could empower the TTP further", category: 'taliban-cohesion-fragmentation' },
  ]),
];
