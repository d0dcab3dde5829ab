/**
 * The options page: "Prova" (try text against the engine), "Policy" (the rules
 * in effect) and "Inställningar" (language). The page language follows the
 * stored setting. The selected section is kept in the URL hash.
 */
import { useEffect, useState } from 'react';
import { UI_STRINGS } from './i18n';
import { OptionsPolicy } from './OptionsPolicy';
import { OptionsSettings } from './OptionsSettings';
import { OptionsTabs, type TabDefinition } from './OptionsTabs';
import { OptionsTry } from './OptionsTry';
import { useLanguageChoice } from './useLanguageChoice';

export type OptionsSection = 'try' | 'policy' | 'settings';
const SECTIONS: readonly OptionsSection[] = ['try', 'policy', 'settings'];

function sectionFromHash(): OptionsSection {
  const id = location.hash.slice(1);
  return (SECTIONS as readonly string[]).includes(id) ? (id as OptionsSection) : 'try';
}

export function Options() {
  const [lang, setChoice] = useLanguageChoice();
  const [section, setSection] = useState<OptionsSection>(sectionFromHash);

  useEffect(() => {
    if (lang) document.title = UI_STRINGS[lang.language].optionsTitle;
  }, [lang?.language]);

  if (!lang) return null;
  const t = UI_STRINGS[lang.language];

  const select = (id: OptionsSection) => {
    setSection(id);
    history.replaceState(null, '', `#${id}`);
  };

  const tabs: TabDefinition<OptionsSection>[] = [
    { id: 'try', label: t.tabTry, panel: <OptionsTry language={lang.language} /> },
    { id: 'policy', label: t.tabPolicy, panel: <OptionsPolicy language={lang.language} /> },
    {
      id: 'settings',
      label: t.tabSettings,
      panel: <OptionsSettings language={lang.language} choice={lang.choice} onChange={setChoice} />,
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
