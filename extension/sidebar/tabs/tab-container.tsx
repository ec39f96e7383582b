import './tabs.css';
import { type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Preference } from '../../lib/sidebar-preferences.ts';
import type { SidebarTab, SidebarTabProps } from './sidebar-tab.ts';

interface TabContainerProps {
  tabs: readonly SidebarTab[];
  panelProps: SidebarTabProps;
  /** The tab open last in this host's sidebar. */
  lastTab: Preference<string | null>;
  /** A tab the host page asked for (Gmail's "Draft with CSCX"); a new `seq` asks again. */
  reveal?: { tabId: string; seq: number } | null;
}

/**
 * The sidebar's tabs as the WAI-ARIA tabs pattern: one tab stop; the arrow keys, Home and End move
 * between tabs and open the one they reach (panels show at once, so activation follows focus). A panel
 * opened once stays mounted, hidden, so switching away loses nothing typed or loading in it.
 *
 * A single tab gets no tab bar: a lone tab is a control that does nothing and costs a row of a narrow
 * panel. Its panel is a region named after it, and the bar appears with the second tab.
 */
export function TabContainer({ tabs, panelProps, lastTab, reveal = null }: TabContainerProps) {
  const ids = useId();
  const [selected, setSelected] = useState(tabs[0]?.id ?? '');
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set([selected]));
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  // Once the user or the page picked a tab, the remembered one (read asynchronously) no longer applies.
  const picked = useRef(false);

  const open = useCallback((id: string) => {
    picked.current = true;
    setSelected(id);
    setOpened((before) => (before.has(id) ? before : new Set([...before, id])));
  }, []);
  useEffect(() => {
    if (reveal && tabs.some((t) => t.id === reveal.tabId)) open(reveal.tabId);
  }, [reveal, tabs, open]);
  useEffect(() => {
    let live = true;
    void lastTab.load().then((remembered) => {
      if (!live || picked.current || !remembered || !tabs.some((t) => t.id === remembered)) return;
      setSelected(remembered);
      setOpened((before) => new Set([...before, remembered]));
    });
    return () => {
      live = false;
    };
  }, [lastTab, tabs]);

  const choose = (id: string) => {
    open(id);
    void lastTab.save(id).catch(() => undefined);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const at = tabs.findIndex((t) => t.id === selected);
    const next = {
      ArrowRight: at + 1,
      ArrowLeft: at - 1,
      Home: 0,
      End: tabs.length - 1,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length];
    if (!tab) return;
    choose(tab.id);
    buttons.current.get(tab.id)?.focus();
  };

  const [only] = tabs;
  if (tabs.length === 1 && only)
    return (
      <section className="tab-panel" aria-label={only.label}>
        <only.Panel {...panelProps} />
      </section>
    );
  return (
    <div className="tabs">
      <div role="tablist" aria-label="CSCX" className="tab-bar" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            ref={(el) => {
              if (el) buttons.current.set(tab.id, el);
              else buttons.current.delete(tab.id);
            }}
            type="button"
            role="tab"
            id={`${ids}-tab-${tab.id}`}
            aria-selected={tab.id === selected}
            aria-controls={`${ids}-panel-${tab.id}`}
            tabIndex={tab.id === selected ? 0 : -1}
            onClick={() => choose(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs
        .filter((tab) => opened.has(tab.id))
        .map((tab) => (
          <div
            key={tab.id}
            role="tabpanel"
            id={`${ids}-panel-${tab.id}`}
            aria-labelledby={`${ids}-tab-${tab.id}`}
            className="tab-panel"
            hidden={tab.id !== selected}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: the tabs pattern makes a panel a tab stop.
            tabIndex={0}
          >
            <tab.Panel {...panelProps} />
          </div>
        ))}
    </div>
  );
}
