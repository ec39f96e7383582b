import { useEffect, useState } from 'react';

export type SettingsRoute =
  /** A section by its address (`#/members`); null: the first section the user may open. */
  { name: 'section'; path: string | null } | { name: 'accept-invite'; token: string | null };

/**
 * `#/accept-invite?token=…` is the link `users.invite` hands out; `#/<section>` opens one section
 * (sections.tsx); anything else is the first section.
 */
export function parseRoute(hash: string): SettingsRoute {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  if (path === '/accept-invite')
    return { name: 'accept-invite', token: new URLSearchParams(query).get('token') };
  return { name: 'section', path: path === '' || path === '/' ? null : path };
}

export function useHashRoute(): SettingsRoute {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const follow = () => setHash(window.location.hash);
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return parseRoute(hash);
}

export function sectionHref(path: string): string {
  return `#${path}`;
}

export function goToSettings(): void {
  window.location.hash = '#/';
}
