/**
 * Core types shared by the detection engine, the CLI and the extension.
 * Category ids are a hard contract (see docs/ARCHITECTURE.md and the scan CLI).
 */
export const SENSITIVE_CATEGORIES = [
  'health',
  'ethnicity',
  'politics',
  'religion',
  'union',
  'sexuality',
  'genetic-biometric',
  'criminal',
  'social-services',
  'protected-identity',
] as const;

export const CATEGORIES = [
  'personnummer',
  'samordningsnummer',
  'classified',
  ...SENSITIVE_CATEGORIES,
  'email',
  'phone',
  'iban',
  'bank-account',
  'payment-card',
  'credential',
] as const;

export type Category = (typeof CATEGORIES)[number];
export type SensitiveCategory = (typeof SENSITIVE_CATEGORIES)[number];

/**
 * What "mask and send" masks besides the findings: the names, initials and
 * addresses of the people a masked prompt is about (lib/redaction/identifiers.ts).
 * Not finding categories: a name on its own never stops a prompt.
 */
export const IDENTIFIER_CATEGORIES = ['person', 'address'] as const;
export type IdentifierCategory = (typeof IDENTIFIER_CATEGORIES)[number];
/** The category word of a placeholder ([PERSONNUMMER 1], [PERSON 1]): a finding's category or an identifier's. */
export type PlaceholderCategory = Category | IdentifierCategory;

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What the policy does with a finding. `log` records it (and shows a hint) without interrupting; the same word as in the organisation policy, and the counters' outcome `logged`. */
export const ACTIONS = ['off', 'log', 'warn', 'block'] as const;
export type Action = (typeof ACTIONS)[number];

/** How strongly each action interrupts, in ACTIONS order. */
export const ACTION_RANK: Readonly<Record<Action, number>> = { off: 0, log: 1, warn: 2, block: 3 };

/** The lower of an action and a cap: a site mode that only warns, a finding the engine is unsure of. */
export function cappedAction(action: Action, cap: Action): Action {
  return ACTION_RANK[action] <= ACTION_RANK[cap] ? action : cap;
}

/** What happens to the prompt as a whole. */
export type Decision = 'allow' | 'warn' | 'block';

/**
 * Where a classification or secrecy marking was found: the dialog and the
 * CLI's --reveal say "marked in the subject line" and so on.
 */
export const MARKING_PLACES = [
  'header',
  'letter-spaced',
  'field',
  'table-cell',
  'subject',
  'title',
  'stamp',
  'statement',
  'file-name',
  'in-text',
] as const;
export type MarkingPlace = (typeof MARKING_PLACES)[number];

/**
 * A match reported by a detector, with offsets into the NORMALISED text.
 * The engine maps offsets back to the original text before reporting.
 */
export interface RawFinding {
  category: Category;
  /** Rule id; must exist in the rule catalogue (rules/*.json). */
  rule: string;
  start: number;
  end: number;
  /** Overrides the rule's default severity (e.g. weak context). */
  severity?: Severity;
  /** Markings: where in the text it stands. */
  where?: MarkingPlace;
  /** The detector is unsure (a possible marking): the policy's action is capped at a warning. */
  unsure?: boolean;
}

/** A finding as reported to callers: offsets are UTF-16 indices into the ORIGINAL text. */
export interface Finding {
  category: Category;
  rule: string;
  start: number;
  end: number;
  /** `original.slice(start, end)` */
  text: string;
  severity: Severity;
  /** What the policy does with this finding. */
  action: Action;
  /** Guideline URLs, most specific first. */
  guidelines: string[];
  /** Markings: where in the text it stands ("subject", "table-cell", …). */
  where?: MarkingPlace;
}

export interface ScanResult {
  findings: Finding[];
  decision: Decision;
}
