/**
 * Defaults that protect themselves (lib/policy/protection-floor.ts) and the
 * organisation's approved tools, through the real resolver: what an employee
 * can and cannot do to the built-in protection, and when the popup and the
 * badge must say "reduced protection".
 */
import { describe, expect, it } from 'vitest';
import { resolvePolicy } from '../../lib/policy/resolve';
import { checkPolicy } from '../../lib/policy/validate-policy';
import {
  employeeChoices,
  employeeFloor,
  FLOORED_CATEGORIES,
  heldToFloor,
  lowersDefault,
  reducedCategories,
} from '../../lib/policy/protection-floor';
import { CATEGORIES } from '../../lib/types';

const employee = (categories: Record<string, string>) => resolvePolicy(undefined, { categories });

describe('the floor under identity numbers and classified markings', () => {
  it('offers the employee only block and warn for them, every action for the rest', () => {
    for (const c of FLOORED_CATEGORIES) expect(employeeChoices(c)).toEqual(['block', 'warn']);
    expect(employeeChoices('health')).toEqual(['block', 'warn', 'log', 'off']);
    expect(employeeChoices('email')).toEqual(['block', 'warn', 'log', 'off']);
  });

  it('holds a stored "off" or "log" (an older version, a hand-edited sync store) at warn', () => {
    const policy = employee({ personnummer: 'off', samordningsnummer: 'log', classified: 'off' });
    for (const c of FLOORED_CATEGORIES) {
      expect(policy.categories[c].action).toBe('warn');
      expect(policy.categories[c].setBy).toBe('user');
    }
    expect(heldToFloor('personnummer', 'block')).toBe('block');
    expect(heldToFloor('health', 'off')).toBe('off');
  });

  it('lets an organisation policy set them lower: the floor binds the employee, not the admin', () => {
    const policy = resolvePolicy({ version: 1, categories: { personnummer: { action: 'log' } } }, { categories: { personnummer: 'off' } });
    expect(policy.categories.personnummer).toMatchObject({ action: 'log', setBy: 'organisation' });
    expect(reducedCategories(policy)).toEqual([]);
  });

  it('floors exactly the three categories, at warn', () => {
    expect(CATEGORIES.filter((c) => employeeFloor(c) !== 'off')).toEqual(['personnummer', 'samordningsnummer', 'classified']);
    expect(FLOORED_CATEGORIES.map(employeeFloor)).toEqual(['warn', 'warn', 'warn']);
  });
});

describe('reduced protection', () => {
  it('is nothing at the defaults', () => {
    expect(reducedCategories(resolvePolicy(undefined, undefined))).toEqual([]);
  });

  it('lists every category the employee set below its default, in category order', () => {
    const policy = employee({ health: 'log', personnummer: 'off', email: 'off', criminal: 'warn' });
    // personnummer is held at warn, still below its default block; email 'off' is below its default log.
    expect(reducedCategories(policy)).toEqual(['personnummer', 'health', 'email']);
  });

  it('does not count a stricter choice', () => {
    expect(reducedCategories(employee({ email: 'block', health: 'block' }))).toEqual([]);
  });

  it('does not count the employee\'s choice where the organisation decides or locks the categories', () => {
    const locked = resolvePolicy({ version: 1, lockedSettings: ['categories'] }, { categories: { health: 'off' } });
    expect(locked.categories.health.action).toBe('warn');
    expect(reducedCategories(locked)).toEqual([]);
  });

  it('asks first only when a step goes below the default', () => {
    expect(lowersDefault('health', 'log')).toBe(true);
    expect(lowersDefault('health', 'warn')).toBe(false);
    expect(lowersDefault('email', 'log')).toBe(false);
    expect(lowersDefault('email', 'off')).toBe(true);
    expect(lowersDefault('credential', 'warn')).toBe(true);
  });
});

describe('approved tools in the policy', () => {
  const tool = { name: 'Kommunens AI', url: 'https://ai.kommun.example.se', description: { sv: 'För texter med personuppgifter' } };

  it('are carried into the effective policy, and are none by default', () => {
    expect(resolvePolicy(undefined, undefined).approvedTools).toEqual([]);
    expect(resolvePolicy({ version: 1, approvedTools: [tool] }, {}).approvedTools).toEqual([tool]);
  });

  it('are refused with a clear message when the address is not https or the list is too long; the rest of the policy still applies', () => {
    const http = checkPolicy({ version: 1, approvedTools: [{ ...tool, url: 'http://ai.kommun.example.se' }], categories: { email: { action: 'warn' } } });
    expect(http.diagnostics.map((d) => d.path)).toContain('approvedTools[0].url');
    expect(http.diagnostics.find((d) => d.path === 'approvedTools[0].url')?.message).toMatch(/https/);
    expect(http.policy.categories?.email?.action).toBe('warn');
    const many = checkPolicy({ version: 1, approvedTools: Array.from({ length: 11 }, (_, i) => ({ ...tool, name: `AI ${i}` })) });
    expect(many.diagnostics.some((d) => d.path.startsWith('approvedTools'))).toBe(true);
    const unknown = checkPolicy({ version: 1, approvedTools: [{ ...tool, icon: 'x.png' }] });
    expect(unknown.diagnostics.some((d) => d.path.startsWith('approvedTools[0]'))).toBe(true);
  });
});
