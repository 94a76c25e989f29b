/**
 * The fact-checking record of a claim: its workflow status, its verdict on a configurable scale, who
 * said it (attribution), the evidence behind the verdict, links to claims in other documents, and the
 * rules that tie them together. Status (where the work stands) and verdict (the finding) are separate.
 */

export const CLAIM_STATUSES = ['unverified', 'in-review', 'attributed', 'supported', 'disputed', 'refuted', 'unverifiable'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const STATUS_LABELS: Record<ClaimStatus, string> = {
  unverified: 'unverified',
  'in-review': 'in review',
  attributed: 'attributed',
  supported: 'supported',
  disputed: 'disputed',
  refuted: 'refuted',
  unverifiable: 'unverifiable',
};

/** How the article carries the words: quoted verbatim, reported, or said in its own voice. */
export const QUOTE_TYPES = ['direct', 'reported', 'own-voice'] as const;
export type QuoteType = (typeof QUOTE_TYPES)[number];

export const QUOTE_TYPE_LABELS: Record<QuoteType, string> = {
  direct: 'direct quote',
  reported: 'reported speech',
  'own-voice': "article's own voice",
};

/** Who said a claim or holds an opinion. */
export interface Attribution {
  /** The speaker: an entity of type person or organization. */
  entityId: string;
  quoteType: QuoteType;
  /** The annotation (kind 'cue') spanning the attribution cue ("X said", "according to …"), if marked. */
  cueId: string | null;
}

/** One step of a verdict scale. */
export interface VerdictLevel {
  /** Stable id stored on claims; labels can be renamed without touching them. */
  id: string;
  label: string;
  description: string;
}

/** A verdict scale, best first. `unverifiable` style levels may sit at the end; see ratingOf. */
export interface VerdictScale {
  name: string;
  levels: VerdictLevel[];
}

export const DEFAULT_VERDICT_SCALE: VerdictScale = {
  name: 'Marginalia default',
  levels: [
    { id: 'true', label: 'True', description: 'The claim is accurate and nothing significant is missing.' },
    { id: 'mostly-true', label: 'Mostly true', description: 'The claim is accurate but needs clarification or additional information.' },
    { id: 'half-true', label: 'Half true', description: 'The claim is partially accurate but leaves out important details or takes things out of context.' },
    { id: 'mostly-false', label: 'Mostly false', description: 'The claim contains an element of truth but ignores facts that would give a different impression.' },
    { id: 'false', label: 'False', description: 'The claim is not accurate.' },
    { id: 'unverifiable', label: 'Unverifiable', description: 'The available evidence can neither confirm nor refute the claim.', },
  ],
};

/** Level ids that are not a point on the true–false line: they get no numeric rating. */
export const UNRATED_LEVEL_IDS = ['unverifiable'];

/**
 * The numeric rating of a verdict for exports (schema.org Rating): the best level rates highest.
 * Unrated levels (e.g. unverifiable) have none.
 */
export function ratingOf(scale: VerdictScale, levelId: string): { value: number; best: number; worst: number } | undefined {
  const rated = scale.levels.filter((l) => !UNRATED_LEVEL_IDS.includes(l.id));
  const index = rated.findIndex((l) => l.id === levelId);
  if (index < 0) return undefined;
  return { value: rated.length - index, best: rated.length, worst: 1 };
}

export const EVIDENCE_RELATIONS = ['supports', 'contradicts', 'context'] as const;
export type EvidenceRelation = (typeof EVIDENCE_RELATIONS)[number];

/** A source behind a verdict, outside the library. */
export interface EvidenceRecord {
  id: string;
  claimId: string;
  relation: EvidenceRelation;
  url: string;
  title: string;
  /** The passage of the source that bears on the claim. */
  passage: string;
  /** YYYY-MM-DD the source was consulted. */
  accessed: string;
  creator: string;
  created: string;
  modified: string;
}

/**
 * How one claim bears on another, possibly in another document. 'same' and 'contradicts' read the same
 * both ways; 'supports' is directed: `fromId` supports `toId`.
 */
export const LINK_RELATIONS = ['same', 'contradicts', 'supports'] as const;
export type LinkRelation = (typeof LINK_RELATIONS)[number];

export interface ClaimLinkRecord {
  id: string;
  fromId: string;
  toId: string;
  relation: LinkRelation;
  creator: string;
  created: string;
  modified: string;
}

/** How a link reads from one of its ends: "Same claim as", "Contradicts", "Supports" or "Supported by". */
export function linkLabelFrom(link: ClaimLinkRecord, claimId: string): string {
  switch (link.relation) {
    case 'same':
      return 'Same claim as';
    case 'contradicts':
      return 'Contradicts';
    case 'supports':
      return link.fromId === claimId ? 'Supports' : 'Supported by';
  }
}

/** The other end of a link, seen from `claimId`. */
export const otherEnd = (link: ClaimLinkRecord, claimId: string): string => (link.fromId === claimId ? link.toId : link.fromId);

/** What a claim's status depends on. */
export interface ClaimState {
  status: ClaimStatus;
  attribution: Attribution | null;
  evidence: readonly Pick<EvidenceRecord, 'relation'>[];
  links: readonly Pick<ClaimLinkRecord, 'relation'>[];
}

/**
 * Why this state breaks a workflow rule, or null when it keeps them all:
 * - "attributed" needs an attribution;
 * - "disputed" needs a contradicting evidence item or a claim linked as contradicting.
 * Checked on the state an action would leave, so removing the last contradicting evidence of a
 * disputed claim is refused just like marking a claim disputed without any.
 */
export function claimRuleProblem(state: ClaimState): string | null {
  if (state.status === 'attributed' && !state.attribution) {
    return 'A claim can be marked attributed only once it is attributed to a speaker: set “Attributed to” first.';
  }
  if (state.status === 'disputed' && !state.evidence.some((e) => e.relation === 'contradicts') && !state.links.some((l) => l.relation === 'contradicts')) {
    return 'A claim can be marked disputed only with at least one contradicting evidence item or a linked claim that contradicts it.';
  }
  return null;
}
