import { useEffect, useState } from 'react';

export type SettingsRoute = { name: 'settings' } | { name: 'accept-invite'; token: string | null };

/** `#/accept-invite?token=…` is the link `users.invite` hands out; anything else is the settings page. */
export function parseRoute(hash: string): SettingsRoute {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  if (path === '/accept-invite')
    return { name: 'accept-invite', token: new URLSearchParams(query).get('token') };
  return { name: 'settings' };
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

export function goToSettings(): void {
  window.location.hash = '#/';
}
