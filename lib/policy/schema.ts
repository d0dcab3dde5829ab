/**
 * The organisation policy: ONE zod schema, the source of truth for what an
 * admin may set. public/managed_schema.json (Chrome's storage.managed_schema),
 * docs/ADMIN.md's field reference and `npm run policy -- check` all come from
 * it (scripts/policy-artifacts.ts; a test fails when they disagree).
 *
 * Every field is optional: a policy says only what differs from the built-in
 * defaults. The schema stays inside Chrome's managed-schema subset: no unions,
 * no nulls, one type per node; cross-field rules live in `superRefine`.
 */
import { z } from 'zod';
import { compileTerm } from '../text/lexicon';
import { CATEGORIES, SEVERITIES } from '../types';
import { MAX_PROGRAM_SIZE, MAX_TOTAL_PROGRAM_SIZE, programSize, regexProblem } from './regex-engine';

/** What the policy does with a finding. `log` counts it and paints it, without interrupting. */
export const POLICY_ACTIONS = ['off', 'log', 'warn', 'block'] as const;
export type PolicyAction = (typeof POLICY_ACTIONS)[number];

/**
 * How strictly a site is guarded: `off` not at all; `monitor` findings are only
 * counted and painted; `warn` blocks become warnings; `block` the category
 * actions apply as set (the default).
 */
export const SITE_MODES = ['off', 'monitor', 'warn', 'block'] as const;
export type SiteMode = (typeof SITE_MODES)[number];

/** Settings a user may change in the options page unless the policy locks them. */
export const LOCKABLE_SETTINGS = ['language', 'highlightWhileTyping', 'categories'] as const;
export type LockableSetting = (typeof LOCKABLE_SETTINGS)[number];

/** Limits that keep a policy cheap to apply on every keystroke pause and every send. */
export const POLICY_LIMITS = {
  sites: 200,
  approvedTools: 10,
  customRules: 100,
  keywordsPerRule: 500,
  keywordLength: 100,
  patternLength: 500,
  /** RE2 instructions a pattern compiles to (regex-engine.ts MAX_PROGRAM_SIZE; checked by regexProblem). */
  patternProgramSize: MAX_PROGRAM_SIZE,
  /** RE2 instructions of all regex rules together (regex-engine.ts MAX_TOTAL_PROGRAM_SIZE). */
  totalProgramSize: MAX_TOTAL_PROGRAM_SIZE,
  messageLength: 500,
  textLength: 200,
} as const;

/**
 * A host pattern: `ai.example.se`, `*.example.se` (the domain and its
 * subdomains) or `example.se/chat` (a path prefix). https only, no scheme.
 */
export const HOST_PATTERN = /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(\/[A-Za-z0-9._~%/-]*)?$/;

const httpsUrl = z
  .string()
  .max(2000)
  .regex(/^https:\/\/[^\s/]+(\/\S*)?$/, 'must be an https:// address');

const text = z.string().trim().min(1).max(POLICY_LIMITS.textLength);

/** A message in Swedish and/or English; the dialog falls back to the other language. */
const message = z
  .object({
    sv: z.string().trim().min(1).max(POLICY_LIMITS.messageLength).optional(),
    en: z.string().trim().min(1).max(POLICY_LIMITS.messageLength).optional(),
  })
  .strict()
  .describe('A text in Swedish (sv) and/or English (en).')
  .refine((m) => m.sv !== undefined || m.en !== undefined, 'give the text in sv, en or both');

export const organisationSchema = z
  .object({
    name: text.describe('Shown in dialogs, the popup and options: "Policy from <name>".'),
    contact: text.optional().describe('Who employees ask about the policy (e-mail address, phone or team).'),
    policyUrl: httpsUrl.optional().describe("The organisation's own AI guideline; linked first in every dialog."),
  })
  .strict();

export const siteSchema = z
  .object({
    pattern: z
      .string()
      .max(300)
      .regex(HOST_PATTERN, 'a host such as "ai.example.se", "*.example.se" or "example.se/chat" (no https://)')
      .describe('Host, *.domain or host/path prefix. A built-in site listed here takes this mode.'),
    mode: z.enum(SITE_MODES).default('block').describe('off | monitor | warn | block (default block).'),
  })
  .strict();
export type PolicySite = z.infer<typeof siteSchema>;

export const categoryRuleSchema = z
  .object({
    action: z.enum(POLICY_ACTIONS).optional().describe('off | log | warn | block.'),
    allowOverride: z
      .boolean()
      .optional()
      .describe('For warnings: may the employee "send anyway"? Default true. A block is never overridden.'),
    requireJustification: z
      .boolean()
      .optional()
      .describe(
        '"Send anyway" first asks for a reason from a fixed list (counted anonymously) and optionally a few words (never stored or sent). Default false.',
      ),
  })
  .strict();
export type CategoryRule = z.infer<typeof categoryRuleSchema>;

const categoryRules = z
  .object(Object.fromEntries(CATEGORIES.map((c) => [c, categoryRuleSchema.optional()])) as Record<
    (typeof CATEGORIES)[number],
    z.ZodOptional<typeof categoryRuleSchema>
  >)
  .strict();

export const customRuleSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and "-", e.g. "projekt-nordstjarna"')
      .describe('Unique id; findings are reported as rule "custom.<id>".'),
    kind: z.enum(['keywords', 'regex']).describe('keywords: whole words or phrases, any case. regex: an RE2 regular expression.'),
    keywords: z
      .array(z.string().trim().min(2).max(POLICY_LIMITS.keywordLength))
      .min(1)
      .max(POLICY_LIMITS.keywordsPerRule)
      .optional()
      .describe('For kind "keywords".'),
    pattern: z
      .string()
      .min(1)
      .max(POLICY_LIMITS.patternLength)
      .optional()
      .describe('For kind "regex": RE2 syntax (no look-around, no back-references); runs in linear time.'),
    caseSensitive: z.boolean().optional().describe('Default false.'),
    category: z.enum(CATEGORIES).describe('The category a match counts as; it takes that category\'s action.'),
    action: z.enum(POLICY_ACTIONS).optional().describe("Overrides the category's action for this rule."),
    severity: z.enum(SEVERITIES).default('high'),
    message: message.describe('Why this must not go to a public AI tool, shown to the employee.'),
    guidelineUrl: httpsUrl.optional().describe('Linked from the dialog for this rule.'),
  })
  .strict()
  .superRefine((rule, ctx) => {
    if (rule.kind === 'keywords' && !rule.keywords)
      ctx.addIssue({ code: 'custom', path: ['keywords'], message: 'a keywords rule needs "keywords"' });
    if (rule.kind === 'regex' && !rule.pattern)
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'a regex rule needs "pattern"' });
    if (rule.kind === 'keywords' && rule.pattern !== undefined)
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: '"pattern" belongs to kind "regex"' });
    if (rule.kind === 'regex' && rule.keywords !== undefined)
      ctx.addIssue({ code: 'custom', path: ['keywords'], message: '"keywords" belongs to kind "keywords"' });
    rule.keywords?.forEach((keyword, i) => {
      try {
        compileTerm(keyword, i, rule.caseSensitive);
      } catch (error) {
        ctx.addIssue({ code: 'custom', path: ['keywords', i], message: (error as Error).message });
      }
    });
    const problem = rule.pattern === undefined ? null : regexProblem(rule.pattern);
    if (problem) ctx.addIssue({ code: 'custom', path: ['pattern'], message: problem });
  });
export type CustomRule = z.infer<typeof customRuleSchema>;

/**
 * An AI service the organisation has approved (its own, or one under agreement):
 * the way forward the dialogs and the popup offer when a prompt is stopped.
 */
export const approvedToolSchema = z
  .object({
    name: z.string().trim().min(1).max(80).describe('The name employees know it by, e.g. "Kommunens AI-assistent".'),
    url: httpsUrl.describe('Where it is (https).'),
    description: message.optional().describe('One line on what it may be used for, e.g. "For texts with personal data (approved by the DPO)".'),
  })
  .strict();
export type ApprovedTool = z.infer<typeof approvedToolSchema>;

export const countersSchema = z
  .object({
    enabled: z.boolean().default(true).describe('Count findings locally (anonymous day totals). Default true.'),
    retentionDays: z.number().int().min(1).max(730).default(90).describe('Days kept in the browser. Default 90.'),
    endpoint: z
      .string()
      .max(2000)
      .regex(
        /^(https:\/\/[^\s/]+|http:\/\/(localhost|127\.0\.0\.1)(:\d+)?)(\/\S*)?$/,
        'must be an https:// address (http:// only for localhost)',
      )
      .optional()
      .describe('OTLP/HTTP base address; day totals are POSTed to <endpoint>/v1/metrics. No endpoint, no report.'),
    intervalMinutes: z.number().int().min(15).max(1440).default(60).describe('How often to try a report. Default 60.'),
    // Kept so that policies written for earlier versions stay valid; the browser no longer uses it.
    privacyThreshold: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe('Deprecated and ignored: the browser sends every count; apply k where counts are summed (docs/COUNTERS.md).'),
    headerName: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/)
      .optional()
      .describe('Optional static header sent with the report (e.g. an API key for the collector).'),
    // Masked as ******** on chrome://policy.
    headerValue: z.string().min(1).max(1000).optional().describe('Value of headerName.').meta({ sensitiveValue: true }),
  })
  .strict()
  .superRefine((c, ctx) => {
    if ((c.headerName === undefined) !== (c.headerValue === undefined))
      ctx.addIssue({ code: 'custom', path: ['headerName'], message: 'set headerName and headerValue together' });
  });

export const uploadsSchema = z
  .object({
    otherFiles: z
      .enum(['off', 'remind', 'confirm'])
      .default('remind')
      .describe(
        'Files Promptvakt cannot read (PDF, Word, images): off; remind (a notice, the upload goes on); confirm (the employee confirms first). Default remind.',
      ),
    reminder: message.optional().describe('Replaces the built-in reminder text.'),
    maxFileMB: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(5)
      .describe(
        'Text files up to this size (whole MB, 1–100) are read and checked before they are uploaded, pasted or dropped; larger files are treated like files Promptvakt cannot read (see otherFiles). Default 5.',
      ),
  })
  .strict();

export const maskingSchema = z
  .object({
    restoreAnswers: z
      .boolean()
      .default(true)
      .describe(
        "After 'Mask and send', show the real values in place of the placeholders in the AI's answer, in the page only. The mapping stays in the tab's memory, never in storage or on the network. Default true.",
      ),
    keepValuesMinutes: z
      .number()
      .int()
      .min(1)
      .max(1440)
      .default(60)
      .describe('How long (whole minutes, 1–1440) after the last masked prompt of a conversation its real values are kept for the answers; a reload forgets them at once. Default 60.'),
  })
  .strict();

/** Every field of the policy except policyFields (which lists them). */
const policyShape = {
    version: z.literal(1).describe('Policy format version; always 1.'),
    enabled: z.boolean().default(true).describe('false switches Promptvakt off everywhere. Default true.'),
    organisation: organisationSchema.optional(),
    approvedTools: z
      .array(approvedToolSchema)
      .max(POLICY_LIMITS.approvedTools)
      .optional()
      .describe('AI services employees may use instead: offered as "Use <name> instead" in the dialogs and the popup.'),
    sites: z.array(siteSchema).max(POLICY_LIMITS.sites).optional().describe('Sites to add, or built-in sites to change.'),
    categories: categoryRules.optional().describe('Per category: action, allowOverride, requireJustification.'),
    officialTestNumbers: z
      .enum(POLICY_ACTIONS)
      .default('log')
      .describe("Skatteverket's official test personnummer/samordningsnummer. Default log."),
    customRules: z.array(customRuleSchema).max(POLICY_LIMITS.customRules).optional(),
    guidelines: z
      .object(Object.fromEntries(CATEGORIES.map((c) => [c, httpsUrl.optional()])) as Record<
        (typeof CATEGORIES)[number],
        z.ZodOptional<typeof httpsUrl>
      >)
      .strict()
      .optional()
      .describe('Per category: a guideline address linked before the built-in ones.'),
    counters: countersSchema.optional(),
    uploads: uploadsSchema.optional(),
    masking: maskingSchema.optional(),
    language: z
      .enum(['auto', 'sv', 'en'])
      .optional()
      .describe('Language of dialogs and pages: auto (the browser\'s), sv or en. Unset: the employee chooses.'),
    highlightWhileTyping: z
      .boolean()
      .optional()
      .describe('Paint findings in the composer while typing. Unset: the employee chooses (default on).'),
    lockedSettings: z
      .array(z.enum(LOCKABLE_SETTINGS))
      .optional()
      .describe('Settings employees may not change in the options page.'),
    failureMode: z
      .enum(['block', 'allow'])
      .default('block')
      .describe('If a check fails or takes too long at send: block (default, with an explanation) or allow.'),
};

/**
 * The top-level fields a policy may set, in schema order: what `policyFields`
 * may list. Chrome drops a whole top-level field whose value breaks
 * public/managed_schema.json before the extension sees the policy; a policy
 * that lists its own fields lets the extension name each one that did not
 * arrive (lib/policy/delivery.ts). `npm run policy -- export` fills it in.
 */
export const POLICY_FIELDS = Object.keys(policyShape) as [keyof typeof policyShape, ...(keyof typeof policyShape)[]];
export type PolicyField = (typeof POLICY_FIELDS)[number];

export const policySchema = z
  .object({
    ...policyShape,
    policyFields: z
      .array(z.enum(POLICY_FIELDS))
      .optional()
      .describe(
        'The top-level fields this policy sets. Filled in by `npm run policy -- export`; lets Promptvakt report a field the browser dropped (Chrome drops a whole field when one value in it breaks the schema).',
      ),
  })
  .strict()
  .superRefine((policy, ctx) => {
    const ids = new Map<string, number>();
    policy.customRules?.forEach((rule, i) => {
      const first = ids.get(rule.id);
      if (first !== undefined)
        ctx.addIssue({ code: 'custom', path: ['customRules', i, 'id'], message: `duplicate id (also customRules[${first}])` });
      else ids.set(rule.id, i);
    });
    let total = 0;
    policy.customRules?.forEach((rule, i) => {
      const size = rule.pattern === undefined ? null : programSize(rule.pattern);
      if (size === null) return;
      if (total + size > MAX_TOTAL_PROGRAM_SIZE) {
        ctx.addIssue({
          code: 'custom',
          path: ['customRules', i, 'pattern'],
          message:
            `the regex rules together are too complex (${total + size} RE2 instructions with this one, at most ${MAX_TOTAL_PROGRAM_SIZE}): ` +
            'this rule is left out, and so is any later regex rule that does not fit; merge or simplify rules',
        });
        return;
      }
      total += size;
    });
    const patterns = new Map<string, number>();
    policy.sites?.forEach((site, i) => {
      const first = patterns.get(site.pattern);
      if (first !== undefined)
        ctx.addIssue({ code: 'custom', path: ['sites', i, 'pattern'], message: `duplicate pattern (also sites[${first}])` });
      else patterns.set(site.pattern, i);
    });
  });

/** A policy as written by an admin (before defaults). */
export type PolicyInput = z.input<typeof policySchema>;
/** A validated policy (defaults of the optional blocks filled in where the block is present). */
export type Policy = z.output<typeof policySchema>;
