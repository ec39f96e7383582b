import { useEffect, useState } from 'react';
import type { HostContext } from '../../../shared/host-context.ts';
import { useServices } from '../services.tsx';

/** The latest context the host page's adapter sent to this sidebar. */
export function useHostContext(): HostContext | null {
  const { hostContext } = useServices();
  const [context, setContext] = useState<HostContext | null>(null);
  useEffect(() => hostContext.subscribe(setContext), [hostContext]);
  return context;
}
