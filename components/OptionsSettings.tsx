/** "Inställningar" / "Settings": the UI language, saved in browser.storage.local. */
import { useState } from 'react';
import { UI_STRINGS, type UiLanguage } from './i18n';
import { LANGUAGE_CHOICES, setLanguage, type LanguageChoice } from './settings';

export function OptionsSettings(props: { language: UiLanguage; choice: LanguageChoice; onChange(choice: LanguageChoice): void }) {
  const t = UI_STRINGS[props.language];
  const [saveState, setSaveState] = useState<'idle' | 'saved' | 'failed'>('idle');

  const choose = (choice: LanguageChoice) => {
    props.onChange(choice);
    setLanguage(choice).then(
      () => setSaveState('saved'),
      () => setSaveState('failed'),
    );
  };

  const label = (choice: LanguageChoice) =>
    choice === 'auto' ? t.languageAuto : UI_STRINGS[choice].languageName;

  return (
    <div className="pv-settings">
      <h2>{t.settingsHeading}</h2>
      <fieldset className="pv-fieldset">
        <legend>{t.languageLegend}</legend>
        {LANGUAGE_CHOICES.map((choice) => (
          <label key={choice} className="pv-radio" lang={choice === 'auto' ? undefined : choice}>
            <input
              type="radio"
              name="pv-language"
              value={choice}
              checked={props.choice === choice}
              onChange={() => choose(choice)}
            />
            {label(choice)}
          </label>
        ))}
      </fieldset>
      <p role="status" className="pv-muted">
        {saveState === 'saved' ? t.settingSaved : saveState === 'failed' ? t.settingSaveFailed : ''}
      </p>
    </div>
  );
}
