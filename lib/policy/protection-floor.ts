/**
 * Defaults that protect themselves. An employee may make Promptvakt stricter
 * wherever the organisation leaves a category open, but not quietly weaker:
 *
 * - identity numbers and classified markings never go below `warn` by the
 *   employee's own choice (only an organisation policy can set them lower);
 * - any other step below the built-in default needs a confirmation in the
 *   options page (components/OptionsPolicy.tsx);
 * - while any category is below its default by the employee's choice, the
 *   popup and the toolbar badge say "reduced protection".
 *
 * No zod: the content script and the popup import this.
 */
import { ACTION_RANK, ACTIONS, type Action, type Category } from '../types';
import { DEFAULT_POLICY } from './default-policy';
import type { EffectivePolicy } from './effective';

/** Categories an employee cannot lower below FLOOR_ACTION. */
export const FLOORED_CATEGORIES: readonly Category[] = ['personnummer', 'samordningsnummer', 'classified'];
export const FLOOR_ACTION: Action = 'warn';

/** The built-in default of a category. */
export function defaultActionOf(category: Category): Action {
  return DEFAULT_POLICY.categories[category];
}

/** The weakest action an employee may choose for `category`. */
export function employeeFloor(category: Category): Action {
  return FLOORED_CATEGORIES.includes(category) ? FLOOR_ACTION : 'off';
}

/** The actions an employee may choose for `category`, strictest first. */
export function employeeChoices(category: Category): Action[] {
  const floor = ACTION_RANK[employeeFloor(category)];
  return [...ACTIONS].reverse().filter((a) => ACTION_RANK[a] >= floor);
}

/** An employee's choice held to the floor: a stored 'off' for personnummer applies as 'warn'. */
export function heldToFloor(category: Category, action: Action): Action {
  return ACTION_RANK[action] < ACTION_RANK[employeeFloor(category)] ? employeeFloor(category) : action;
}

/** Whether choosing `action` lowers `category` below its built-in default (and so asks first). */
export function lowersDefault(category: Category, action: Action): boolean {
  return ACTION_RANK[action] < ACTION_RANK[defaultActionOf(category)];
}

/**
 * Categories the employee has set below their built-in default, in category
 * order. An organisation's own choices are not "reduced": they are the policy.
 */
export function reducedCategories(policy: Pick<EffectivePolicy, 'categories'>): Category[] {
  return (Object.keys(policy.categories) as Category[]).filter(
    (c) => policy.categories[c].setBy === 'user' && lowersDefault(c, policy.categories[c].action),
  );
}
