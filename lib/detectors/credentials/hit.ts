/** A credential candidate: its span, the rule that names it and its priority when candidates overlap. */
import type { Category } from '../../types';

export type Rule =
  | 'credential.api-key'
  | 'credential.token'
  | 'credential.private-key'
  | 'credential.connection-string'
  | 'credential.password'
  | 'credential.secret';

export interface Hit {
  start: number;
  end: number;
  rule: Rule;
  /** Lower wins when hits overlap: specific formats beat labelled values. */
  priority: number;
}

export const CATEGORY: Category = 'credential';
