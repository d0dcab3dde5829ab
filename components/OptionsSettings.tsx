/**
 * "Inställningar" / "Settings": the employee's own settings (browser.storage.sync):
 * the UI language and whether findings are highlighted while typing. A setting
 * the organisation sets or locks is shown disabled, with the reason.
 */
import { useEffect, useId, useState } from 'react';
import type { EffectivePolicy } from '../lib/policy/effective';
import { saveUserSettings } from '../platform/policy-store';
import { UI_STRINGS } from '../lib/i18n/ui-strings';
import { LANGUAGE_CHOICES, type LanguageChoice, type UiLanguage } from '../lib/i18n/language';
import { setLanguage } from '../platform/settings';

type SaveState = 'idle' | 'saved' | 'failed';

export function OptionsSettings(props: {
  language: UiLanguage;
  choice: LanguageChoice;
  onChange(choice: LanguageChoice): void;
  policy: EffectivePolicy;
}) {
  const { policy } = props;
  const t = UI_STRINGS[props.language];
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [highlight, setHighlight] = useState<boolean | null>(null);
  const ids = useId();
  const languageLockId = `${ids}-language-locked`;
  const highlightId = `${ids}-highlight`;
  const highlightHintId = `${ids}-highlight-hint`;
  const highlightLockId = `${ids}-highlight-locked`;

  const languageLocked = policy.locked.includes('language');
  const highlightLocked = policy.locked.includes('highlightWhileTyping');

  // A new effective policy says what applies now.
  useEffect(() => setHighlight(null), [policy]);

  const saved = (p: Promise<void>) =>
    p.then(
      () => setSaveState('saved'),
      () => setSaveState('failed'),
    );

  const choose = (choice: LanguageChoice) => {
    if (languageLocked) return;
    props.onChange(choice);
    saved(setLanguage(choice));
  };

  const toggleHighlight = (on: boolean) => {
    if (highlightLocked) return;
    setHighlight(on);
    saved(saveUserSettings({ highlightWhileTyping: on }));
  };

  const label = (choice: LanguageChoice) => (choice === 'auto' ? t.languageAuto : UI_STRINGS[choice].languageName);

  return (
    <div className="pv-settings">
      <h2>{t.settingsHeading}</h2>
      <fieldset className="pv-fieldset" aria-describedby={languageLocked ? languageLockId : undefined} data-locked={languageLocked}>
        <legend>{t.languageLegend}</legend>
        {languageLocked && (
          <p id={languageLockId} className="pv-muted pv-locked-note">
            {t.languageLockedNote}
          </p>
        )}
        {LANGUAGE_CHOICES.map((choice) => (
          <label key={choice} className="pv-radio" lang={choice === 'auto' ? undefined : choice}>
            <input
              type="radio"
              name="pv-language"
              value={choice}
              checked={props.choice === choice}
              disabled={languageLocked}
              aria-describedby={languageLocked ? languageLockId : undefined}
              onChange={() => choose(choice)}
            />
            {label(choice)}
          </label>
        ))}
      </fieldset>

      <div className="pv-check" data-locked={highlightLocked}>
        <input
          type="checkbox"
          id={highlightId}
          checked={highlight ?? policy.highlightWhileTyping}
          disabled={highlightLocked}
          aria-describedby={highlightLocked ? `${highlightHintId} ${highlightLockId}` : highlightHintId}
          onChange={(e) => toggleHighlight(e.target.checked)}
        />
        <div>
          <label htmlFor={highlightId}>{t.highlightLabel}</label>
          <p id={highlightHintId} className="pv-muted">
            {t.highlightHint}
          </p>
          {highlightLocked && (
            <p id={highlightLockId} className="pv-muted pv-locked-note">
              {t.highlightLockedNote}
            </p>
          )}
        </div>
      </div>

      <p role="status" className="pv-muted pv-live">
        {saveState === 'saved' ? t.settingSaved : saveState === 'failed' ? t.settingSaveFailed : ''}
      </p>
    </div>
  );
}
