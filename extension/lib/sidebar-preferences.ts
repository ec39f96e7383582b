import { browser } from 'wxt/browser';
import { z } from 'zod';
import type { HostContext } from '../../shared/host-context.ts';

export type HostName = HostContext['host'];
export const hostNames = ['gmail', 'calendar', 'zoom'] as const satisfies readonly HostName[];

/** One remembered value, with a way to hear when another tab changes it. */
export interface Preference<T> {
  load(): Promise<T>;
  save(value: T): Promise<void>;
  subscribe(onChange: (value: T) => void): () => void;
}

/**
 * What the sidebar remembers per host in `chrome.storage.local`: whether it is collapsed (written by
 * the content script that owns the frame) and the tab open last (written by the sidebar page). One key
 * each, so the two writers never overwrite each other's value.
 */
export interface SidebarPreferences {
  collapsed: Preference<boolean>;
  lastTab: Preference<string | null>;
}

export function sidebarPreferenceKey(host: HostName, name: 'collapsed' | 'tab'): string {
  return `cscx.sidebar.${host}.${name}`;
}

type StorageArea = typeof browser.storage.local;

export function chromeSidebarPreferences(
  host: HostName,
  area: StorageArea = browser.storage.local,
): SidebarPreferences {
  return {
    collapsed: storedPreference(area, sidebarPreferenceKey(host, 'collapsed'), z.boolean(), false),
    lastTab: storedPreference(area, sidebarPreferenceKey(host, 'tab'), z.string().max(100).nullable(), null),
  };
}

/** A value kept in memory only: for a sidebar page opened outside a host page, and for tests. */
export function memoryPreference<T>(initial: T): Preference<T> & { current: T } {
  const listeners = new Set<(value: T) => void>();
  const preference = {
    current: initial,
    load: async () => preference.current,
    save: async (value: T) => {
      preference.current = value;
      for (const listener of listeners) listener(value);
    },
    subscribe: (listener: (value: T) => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
  return preference;
}

/** A value under one key; anything stored that does not fit the schema reads as the fallback. */
function storedPreference<T>(
  area: StorageArea,
  key: string,
  schema: z.ZodType<T>,
  fallback: T,
): Preference<T> {
  const read = (raw: unknown): T => {
    const parsed = schema.safeParse(raw);
    return parsed.success ? parsed.data : fallback;
  };
  return {
    async load() {
      const stored = await area.get(key);
      return read(stored[key] ?? fallback);
    },
    async save(value) {
      await area.set({ [key]: value });
    },
    subscribe(onChange) {
      const listener = (changes: Record<string, { newValue?: unknown }>) => {
        const change = changes[key];
        if (change) onChange(read(change.newValue ?? fallback));
      };
      area.onChanged.addListener(listener);
      return () => area.onChanged.removeListener(listener);
    },
  };
}
