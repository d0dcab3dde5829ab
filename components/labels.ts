/** Words for policy actions and scan decisions in the UI language. */
import type { Action, Decision } from '../lib/types';
import type { UiStrings } from './i18n';

export function actionLabel(t: UiStrings, action: Action): string {
  return { block: t.actionBlock, warn: t.actionWarn, inform: t.actionInform, off: t.actionOff }[action];
}

export function actionHelp(t: UiStrings, action: Action): string {
  return { block: t.actionBlockHelp, warn: t.actionWarnHelp, inform: t.actionInformHelp, off: t.actionOffHelp }[action];
}

export function decisionLabel(t: UiStrings, decision: Decision): string {
  return { block: t.decisionBlock, warn: t.decisionWarn, allow: t.decisionAllow }[decision];
}

export function decisionText(t: UiStrings, decision: Decision): string {
  return { block: t.decisionBlockText, warn: t.decisionWarnText, allow: t.decisionAllowText }[decision];
}
