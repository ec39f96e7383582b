import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { ServicesProvider, type SidebarServices } from './services.tsx';
import { SidebarShell } from './shell.tsx';

export function SidebarApp({ services }: { services: SidebarServices }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { retry: false, staleTime: 30_000, refetchOnWindowFocus: false } },
      }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <ServicesProvider services={services}>
        <SidebarShell />
      </ServicesProvider>
    </QueryClientProvider>
  );
}
