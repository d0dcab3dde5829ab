/**
 * What the guard asks of the dialog, and what the dialog host offers: the
 * contract between entrypoints/content/guard.ts and ui/dialog-host.tsx, in a
 * module of its own so neither imports the other.
 */
import type { JustificationReason } from '../../../lib/policy/justification';
import type { ScanResult } from '../../../lib/types';
import type { DialogMode } from './FindingsDialog';

export interface DialogRequest {
  mode: DialogMode;
  result: ScanResult | null;
  failed?: boolean;
  /** A UI string key shown as a status line. */
  message?: 'maskFailed' | 'notSent' | 'classifiedNoMask';
  requireJustification?: boolean;
  /** A false alarm was reported and this prompt may not go anyway: the dialog thanks and says so. */
  falseAlarmReported?: boolean;
  files?: string[];
  onEdit(): void;
  onMask?(): void;
  /** The reason chosen when the policy asks for one (never the employee's own words). */
  onProceed?(reason?: JustificationReason): void;
  /** "This is wrong": the employee reports a false alarm. */
  onFalseAlarm?(): void;
}

export interface DialogPresenter {
  show(request: DialogRequest): void;
  close(): void;
  readonly isOpen: boolean;
  /** Shows the open dialog again if the page has removed it from the document. */
  restore(): void;
}
