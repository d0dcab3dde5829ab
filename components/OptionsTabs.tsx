/**
 * An accessible tab list (WAI-ARIA tabs pattern, automatic activation):
 * one tab stop for the list, Left/Right arrows move and select (wrapping),
 * Home/End go to the first/last tab. Inactive panels stay mounted but hidden,
 * so what the user typed survives a tab switch.
 */
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabDefinition<Id extends string> {
  id: Id;
  label: string;
  panel: ReactNode;
}

export interface OptionsTabsProps<Id extends string> {
  /** Accessible name of the tab list. */
  label: string;
  tabs: readonly TabDefinition<Id>[];
  selected: Id;
  onSelect(id: Id): void;
}

export function OptionsTabs<Id extends string>(props: OptionsTabsProps<Id>) {
  const tabRefs = useRef(new Map<Id, HTMLButtonElement>());
  const { tabs, selected } = props;

  const select = (index: number) => {
    const tab = tabs[(index + tabs.length) % tabs.length]!;
    props.onSelect(tab.id);
    tabRefs.current.get(tab.id)?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const target = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (target === undefined) return;
    e.preventDefault();
    select(target);
  };

  return (
    <>
      <div role="tablist" aria-label={props.label} className="pv-tablist">
        {tabs.map((tab, i) => {
          const active = tab.id === selected;
          return (
            <button
              key={tab.id}
              ref={(el) => {
                if (el) tabRefs.current.set(tab.id, el);
                else tabRefs.current.delete(tab.id);
              }}
              type="button"
              role="tab"
              id={`tab-${tab.id}`}
              aria-selected={active}
              aria-controls={`panel-${tab.id}`}
              tabIndex={active ? 0 : -1}
              className="pv-tab"
              onClick={() => props.onSelect(tab.id)}
              onKeyDown={(e) => onKeyDown(e, i)}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`panel-${tab.id}`}
          aria-labelledby={`tab-${tab.id}`}
          tabIndex={0}
          hidden={tab.id !== selected}
          className="pv-tabpanel"
        >
          {tab.panel}
        </div>
      ))}
    </>
  );
}
