// Starter codebook for the first corpus: the factors the five articles actually give for the
// failure of the 2025 Pakistan–Afghan Taliban talks. Each example is a verbatim quote from the
// cleaned article named by `exampleSource` (tests/unit/corpus checks this), so annotators can see
// the category applied to real text. Colours are the Tableau 10 qualitative palette: ten hues
// distinguishable as swatches, with dark text readable over each at ~35% opacity.

export type SeedCategory = {
  key: string;
  name: string;
  /** One or two sentences an annotator can apply without reading this file. */
  description: string;
  /** A verbatim sentence or clause from the cleaned corpus. */
  example: string;
  /** `sourceName` of the seed article the example is quoted from. */
  exampleSource: string;
  /** #rrggbb */
  color: string;
  /** A single key that applies the category while annotating. */
  shortcut: string;
};

export type SeedAttributeOption = { value: string; label: string };

export type SeedAttribute = {
  key: string;
  name: string;
  description: string;
  options: SeedAttributeOption[];
};

export const seedCategories: SeedCategory[] = [
  {
    key: 'ideological-ties-ttp-sanctuary',
    name: 'Ideological ties and TTP sanctuary',
    description:
      'The Afghan Taliban’s ideological, tribal or wartime kinship with the TTP (or BLA), and the safe havens, protection or support that follow from it. Use for passages explaining why Kabul will not act against these groups.',
    example: 'The Afghan Taliban consider TTP as ideological allies.',
    exampleSource: '000_61e857c44eeacd65.txt',
    color: '#4E79A7',
    shortcut: '1',
  },
  {
    key: 'taliban-cohesion-fragmentation',
    name: 'Taliban cohesion and fragmentation',
    description:
      'Divisions inside the Taliban movement or government (factions, local commanders, fear of defections to ISIS-K) and the leadership putting its own unity or regime survival ahead of counter-terrorism.',
    example:
      'The Afghan Taliban government is a coalition of factions with different tribal, ideological, and regional loyalties, not a monolithic entity.',
    exampleSource: '000_61e857c44eeacd65.txt',
    color: '#F28E2B',
    shortcut: '2',
  },
  {
    key: 'trust-deficit-history',
    name: 'Trust deficit and history',
    description:
      'Long-standing mistrust rooted in the two states’ history: the Durand Line and irredentist claims, past Pakistani policy towards the Taliban, and engagement that came too late. Use when the text explains the failure by what happened before the talks.',
    example: 'This early friction set a precedent for decades of mistrust.',
    exampleSource: '004_e63e6b5f7dc9a978.txt',
    color: '#E15759',
    shortcut: '3',
  },
  {
    key: 'diplomatic-framework-capacity',
    name: 'No diplomatic framework or capacity',
    description:
      'The absence of formal relations, treaties or enforcement mechanisms between the two states, or the Taliban’s lack of diplomatic experience, trained negotiators and political will to negotiate.',
    example: 'In terms of capabilities, Taliban leaders also suffer from limited diplomatic exposure and training.',
    exampleSource: '003_2063ded40225888b.txt',
    color: '#76B7B2',
    shortcut: '4',
  },
  {
    key: 'denial-unverifiable-commitments',
    name: 'Denial and unverifiable commitments',
    description:
      'One side denying responsibility or control, refusing written or verifiable guarantees, or negotiating in bad faith; includes mutual accusation and blame-shifting between the delegations.',
    example:
      'However, following three sessions of negotiation, including individual talks involving top military officials, Kabul remains elusive towards any written promises.',
    exampleSource: '002_3d7eaf6e210601aa.txt',
    color: '#59A14F',
    shortcut: '5',
  },
  {
    key: 'refugees-humanitarian',
    name: 'Refugees and humanitarian grievances',
    description:
      'The repatriation and treatment of Afghan refugees, and Afghanistan’s humanitarian crisis, as a grievance that sours the talks or as a consequence of their failure.',
    example: 'The repatriation of undocumented Afghan refugees by Pakistan has generated deep resentment within Afghanistan.',
    exampleSource: '000_61e857c44eeacd65.txt',
    color: '#EDC948',
    shortcut: '6',
  },
  {
    key: 'trade-transit-border-economics',
    name: 'Trade, transit and border economics',
    description:
      'Trade restrictions, tariffs, border and transit-route closures, and Afghanistan’s economic dependence on Pakistan, whether as a cause of resentment or as leverage to use in the talks.',
    example: 'Pakistan might leverage economic tools to pressure the Afghan Taliban.',
    exampleSource: '004_e63e6b5f7dc9a978.txt',
    color: '#B07AA1',
    shortcut: '7',
  },
  {
    key: 'india-regional-geopolitics',
    name: 'India and regional geopolitics',
    description:
      'India’s engagement with the Taliban and alleged proxies, fears of a two-front threat, and the interests of other regional powers (China, Iran, Central Asia) in the dispute.',
    example:
      'This development comes at a time when India is increasing its strategic engagement in Afghanistan, which has revived the nightmares of a two-front war in Islamabad.',
    exampleSource: '001_2a4c27f6674d840a.txt',
    color: '#FF9DA7',
    shortcut: '8',
  },
  {
    key: 'deterrence-use-of-force',
    name: 'Deterrence and use of force',
    description:
      'Cross-border strikes, border fortification and deterrence as Pakistan’s answer to failed talks, or arguments that force will not work and breeds resentment. Use for passages weighing coercion against dialogue.',
    example: 'In the event that diplomacy is ineffective in securing compliance, then deterrence should fill the vacuum.',
    exampleSource: '002_3d7eaf6e210601aa.txt',
    color: '#9C755F',
    shortcut: '9',
  },
  {
    key: 'mediation-third-parties',
    name: 'Mediation and third parties',
    description:
      'The role of mediators and outside actors (Qatar, Turkey, China, Iran, the OIC, the wider international community) in bringing the sides together, guaranteeing deals or applying pressure.',
    example: 'However, future talks might require the involvement of third-party mediators.',
    exampleSource: '004_e63e6b5f7dc9a978.txt',
    color: '#BAB0AC',
    shortcut: '0',
  },
];

export const blameTargetAttribute: SeedAttribute = {
  key: 'blame-target',
  name: 'Blame target',
  description:
    'Who the passage holds responsible for the failure of the talks. Choose "Both sides" when the author blames the two governments together, and "Structural" when the cause is a condition (history, geography, the regional order) rather than an actor.',
  options: [
    { value: 'afghan-taliban', label: 'Afghan Taliban' },
    { value: 'pakistan', label: 'Pakistan' },
    { value: 'ttp', label: 'TTP' },
    { value: 'india', label: 'India' },
    { value: 'both-sides', label: 'Both sides' },
    { value: 'structural', label: 'Structural' },
  ],
};

export const seedAttributes: SeedAttribute[] = [blameTargetAttribute];
