/**
 * Messages from content scripts to the background (besides tab status).
 * The prompt text goes to the background only to be checked there when the
 * page cannot check it at once (very long text, organisation regex rules);
 * it never leaves the extension and is not stored.
 */
import { isJustificationReason, type JustificationReason } from '../lib/policy/justification';
import type { SiteMode } from '../lib/policy/schema';
import type { IdentifierSpan } from '../lib/redaction/identifiers';
import type { ScanResult } from '../lib/types';

export interface ScanRequest {
  type: 'promptvakt/scan';
  text: string;
  mode: SiteMode;
}

export type ScanReply = { ok: true; result: ScanResult } | { ok: false; error: string };

/**
 * Long texts go to the background in parts over a port of this name, one
 * part per task, so that no single message freezes the page while it is
 * copied: `{ part }` messages, then `{ done: true, mode }`; the background
 * answers with one ScanReply and forgets the text.
 */
export const SCAN_PORT = 'promptvakt/scan';
/** Characters per part (~256 KB as UTF-16): copying one takes a few milliseconds. */
export const SCAN_PART_CHARS = 128 * 1024;
/** The most the background accepts in parts (a 5 MB paste is ~5 M characters). */
export const SCAN_MAX_CHARS = 32 * 1024 * 1024;

export type ScanPortMessage = { part: string } | { done: true; mode: SiteMode };

export const isScanRequest = (m: unknown): m is ScanRequest =>
  typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'promptvakt/scan' && typeof (m as ScanRequest).text === 'string';

/**
 * "Mask and send": the names and addresses beside the findings of a prompt
 * the employee chose to mask (lib/redaction/identifiers.ts). Found in the
 * background, which has the name recogniser, so the content script stays
 * small; the text is not stored, and the reply is only spans.
 */
export interface IdentifyRequest {
  type: 'promptvakt/identify';
  text: string;
  /** Names masked earlier in this conversation (PlaceholderBook.personNames). */
  knownNames: string[];
}

export type IdentifyReply = { ok: true; spans: IdentifierSpan[] } | { ok: false; error: string };

export const isIdentifyRequest = (m: unknown): m is IdentifyRequest =>
  typeof m === 'object' &&
  m !== null &&
  (m as { type?: unknown }).type === 'promptvakt/identify' &&
  typeof (m as IdentifyRequest).text === 'string' &&
  Array.isArray((m as IdentifyRequest).knownNames);

/**
 * An outcome for the anonymous counters: what kind of finding and what became
 * of it. No text, no values, no offsets; the background adds the day and the
 * site's hostname (from the tab, not from the page), and counts a rule id
 * only if it is a built-in rule or one of the organisation's own rules.
 */
export interface CountRequest {
  type: 'promptvakt/count';
  outcome: 'warned' | 'blocked' | 'masked' | 'sent-anyway' | 'edited' | 'logged' | 'degraded' | 'false-alarm';
  /** One entry per distinct rule (Finding.rule: a built-in rule id or 'custom.<id>'). */
  findings: { category: string; rule: string }[];
  /** 'sent-anyway' only: the reason the employee chose (never their free text). */
  reason?: JustificationReason;
}

export const isCountRequest = (m: unknown): m is CountRequest =>
  typeof m === 'object' &&
  m !== null &&
  (m as { type?: unknown }).type === 'promptvakt/count' &&
  Array.isArray((m as CountRequest).findings) &&
  ((m as CountRequest).reason === undefined || isJustificationReason((m as CountRequest).reason));

/** From an extension page (options): send the counter report now. Answered with the outcome. */
export interface ReportNowRequest {
  type: 'promptvakt/report-now';
}
export type ReportNowReply = 'sent' | 'nothing' | 'failed' | 'off';

export const isReportNowRequest = (m: unknown): m is ReportNowRequest =>
  typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'promptvakt/report-now';

/**
 * Sent when a protected page starts and then every KEEP_WARM_MS by its top
 * frame while it is in view: the first one makes the background warm its
 * engine, and each is an event for the background, so a Manifest V3 service
 * worker is not stopped (after 30 s idle) and its engine stays warm for the
 * next long check. Carries nothing; the background does not answer.
 */
export interface KeepWarm {
  type: 'promptvakt/keep-warm';
}
export const KEEP_WARM_MS = 20_000;

export const isKeepWarm = (m: unknown): m is KeepWarm =>
  typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'promptvakt/keep-warm';
