/**
 * "Policy": the rules in effect, one row per category with its action in
 * words, plus Skatteverket's official test numbers. Titles come from the rule
 * catalogue; actions from the policy (built-in defaults for now).
 */
import { DEFAULT_POLICY, type DetectionPolicy } from '../lib/policy/default-policy';
import { builtInCatalogue, type RuleCatalogue } from '../lib/rules/catalogue';
import { ACTIONS, CATEGORIES, type Action, type Category } from '../lib/types';
import { UI_STRINGS, type UiLanguage } from './i18n';
import { actionHelp, actionLabel } from './labels';

const RANK: Record<Action, number> = { block: 0, warn: 1, inform: 2, off: 3 };
const isTestNumberRule = (id: string) => id.endsWith('.official-test-number');

export interface PolicyRow {
  /** Category id, or 'official-test-numbers'. */
  id: Category | 'official-test-numbers';
  titles: string[];
  action: Action;
}

/** Table rows: strictest action first, then in category order; the test-number row last. */
export function policyRows(policy: DetectionPolicy, catalogue: RuleCatalogue, language: UiLanguage): PolicyRow[] {
  const rules = [...catalogue.rules.values()];
  const rows: PolicyRow[] = CATEGORIES.map((category) => {
    const titles = rules.filter((r) => r.category === category && !isTestNumberRule(r.id)).map((r) => r.title[language]);
    return { id: category, titles: titles.length ? titles : [category], action: policy.categories[category] };
  });
  rows.sort((a, b) => RANK[a.action] - RANK[b.action]);
  rows.push({
    id: 'official-test-numbers',
    titles: rules.filter((r) => isTestNumberRule(r.id)).map((r) => r.title[language]),
    action: policy.officialTestNumbers,
  });
  return rows;
}

export function OptionsPolicy(props: { language: UiLanguage }) {
  const t = UI_STRINGS[props.language];
  const rows = policyRows(DEFAULT_POLICY, builtInCatalogue(), props.language);
  return (
    <div className="pv-policy">
      <h2>{t.policyHeading}</h2>
      <dl className="pv-facts">
        <dt>{t.policySource}</dt>
        <dd data-policy-source="built-in">{t.policyBuiltIn}</dd>
      </dl>
      <p>{t.policyIntro}</p>
      <div className="pv-table-wrap">
        <table className="pv-table">
          <thead>
            <tr>
              <th scope="col">{t.policyColumnWhat}</th>
              <th scope="col">{t.policyColumnAction}</th>
              <th scope="col">{t.policyColumnCategory}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-category={row.id} data-action={row.action}>
                <th scope="row">
                  {row.id === 'official-test-numbers' ? (
                    <>
                      {t.policyTestNumbers}
                      <span className="pv-muted pv-block">{row.titles.join(', ')}</span>
                    </>
                  ) : (
                    row.titles.join(', ')
                  )}
                </th>
                <td>
                  <span className={`pv-badge pv-badge--${row.action}`}>{actionLabel(t, row.action)}</span>
                </td>
                <td>
                  <code>{row.id}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t.policyActionsHeading}</h3>
      <dl className="pv-legend">
        {ACTIONS.filter((a) => rows.some((r) => r.action === a))
          .sort((a, b) => RANK[a] - RANK[b])
          .map((action) => (
            <div key={action}>
              <dt>
                <span className={`pv-badge pv-badge--${action}`}>{actionLabel(t, action)}</span>
              </dt>
              <dd>{actionHelp(t, action)}</dd>
            </div>
          ))}
      </dl>
    </div>
  );
}
