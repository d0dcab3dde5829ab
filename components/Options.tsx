/**
 * The options page: "Prova" (try text against the engine and the policy in
 * effect), "Policy" (the effective policy: organisation, errors, rules, sites),
 * "Statistik" (the anonymous counters and what the organisation receives)
 * and "Inställningar" (language, highlighting). The page language follows the
 * effective policy. The selected section is kept in the URL hash (the popup
 * links to #policy and #stats).
 */
import { useEffect, useState } from 'react';
import { UI_STRINGS } from '../lib/i18n/ui-strings';
import { OptionsPolicy } from './OptionsPolicy';
import { OptionsSettings } from './OptionsSettings';
import { OptionsStats } from './OptionsStats';
import { OptionsTabs, type TabDefinition } from './OptionsTabs';
import { OptionsTry } from './OptionsTry';
import { useLanguageChoice } from './useLanguageChoice';
import { usePolicy } from './usePolicy';

export type OptionsSection = 'try' | 'policy' | 'stats' | 'settings';
const SECTIONS: readonly OptionsSection[] = ['try', 'policy', 'stats', 'settings'];

function sectionFromHash(): OptionsSection {
  const id = location.hash.slice(1);
  return (SECTIONS as readonly string[]).includes(id) ? (id as OptionsSection) : 'try';
}

export function Options() {
  const [lang, setChoice] = useLanguageChoice();
  const state = usePolicy();
  const [section, setSection] = useState<OptionsSection>(sectionFromHash);

  useEffect(() => {
    if (lang) document.title = UI_STRINGS[lang.language].optionsTitle;
  }, [lang?.language]);

  useEffect(() => {
    const onHash = () => setSection(sectionFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  if (!lang || !state) return null;
  const t = UI_STRINGS[lang.language];

  const select = (id: OptionsSection) => {
    setSection(id);
    history.replaceState(null, '', `#${id}`);
  };

  const tabs: TabDefinition<OptionsSection>[] = [
    { id: 'try', label: t.tabTry, panel: <OptionsTry language={lang.language} policy={state.policy} /> },
    { id: 'policy', label: t.tabPolicy, panel: <OptionsPolicy language={lang.language} policy={state.policy} pendingSites={state.pendingSites} /> },
    { id: 'stats', label: t.tabStats, panel: <OptionsStats language={lang.language} policy={state.policy} /> },
    {
      id: 'settings',
      label: t.tabSettings,
      panel: <OptionsSettings language={lang.language} choice={lang.choice} onChange={setChoice} policy={state.policy} />,
    },
  ];

  return (
    <main className="pv-page pv-options">
      <header className="pv-header">
        <h1>{t.optionsTitle}</h1>
        <p className="pv-muted">{t.privacyNote}</p>
      </header>
      <OptionsTabs label={t.sectionsLabel} tabs={tabs} selected={section} onSelect={select} />
    </main>
  );
}
