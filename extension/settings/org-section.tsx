import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import type { z } from 'zod';
import type { orgOutput } from '../../shared/api/auth.ts';
import type { ApiClient } from '../lib/api-client.ts';
import { ErrorAlert } from './api-errors.tsx';
import { CalendarMeetingsSetting } from './calendar-meetings-setting.tsx';

/** Splits "a.com, b.com\nc.com" into domains; the API validates each one. */
export function parseDomains(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,]+/)
        .map((d) => d.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/** Admins only: the org's name and its own email domains (whose people are colleagues, never customers). */
export function OrgSection({ api, org }: { api: ApiClient; org: z.infer<typeof orgOutput> }) {
  const ids = useId();
  const queryClient = useQueryClient();
  const [name, setName] = useState(org.name);
  const [domains, setDomains] = useState(org.domains.join('\n'));
  const save = useMutation({
    mutationFn: () => api.org.update.mutate({ name, domains: parseDomains(domains) }),
    onSuccess: async (saved) => {
      setDomains(saved.domains.join('\n'));
      await queryClient.invalidateQueries({ queryKey: ['auth.me'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <section className="card" aria-labelledby="org-heading">
      <h2 id="org-heading">Organisation</h2>
      <form onSubmit={submit} aria-label="Organisation">
        <label htmlFor={`${ids}-name`}>Name</label>
        <input id={`${ids}-name`} required value={name} onChange={(e) => setName(e.target.value)} />
        <label htmlFor={`${ids}-domains`}>Email domains</label>
        <textarea
          id={`${ids}-domains`}
          rows={3}
          aria-describedby={`${ids}-domains-help`}
          value={domains}
          onChange={(e) => setDomains(e.target.value)}
        />
        <p id={`${ids}-domains-help`} className="muted small">
          One per line. People at these domains are colleagues, never matched to a customer.
        </p>
        {save.isError && <ErrorAlert error={save.error} />}
        {save.isSuccess && (
          <p role="status" className="small">
            Saved.
          </p>
        )}
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
      </form>
      <CalendarMeetingsSetting api={api} org={org} />
    </section>
  );
}
