import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import type { z } from 'zod';
import type { orgOutput } from '../../../shared/api/auth.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { ErrorAlert } from '../api-errors.tsx';
import { CalendarMeetingsSetting } from './calendar-meetings-setting.tsx';
import { CompetitorsSetting } from './competitors-setting.tsx';
import { DomainConflicts } from './domain-conflicts.tsx';
import { describeInvalidDomains, readDomains } from './org-domains.ts';

/** Admins only: the org's name and its own email domains (whose people are colleagues, never customers). */
export function OrgSection({ api, org }: { api: ApiClient; org: z.infer<typeof orgOutput> }) {
  const ids = useId();
  const queryClient = useQueryClient();
  const [name, setName] = useState(org.name);
  const [domains, setDomains] = useState(org.domains.join('\n'));
  const [invalid, setInvalid] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: async ({ next, confirmed }: { next: string[]; confirmed: boolean }) => {
      const added = next.filter((d) => !org.domains.includes(d));
      if (!confirmed && added.length > 0) {
        const conflicts = await api.org.domainConflicts.query({ domains: added });
        if (conflicts.length > 0) return { conflicts, saved: null };
      }
      return { conflicts: [], saved: await api.org.update.mutate({ name, domains: next }) };
    },
    onSuccess: async ({ saved }) => {
      if (!saved) return;
      setDomains(saved.domains.join('\n'));
      await queryClient.invalidateQueries({ queryKey: ['auth.me'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const read = readDomains(domains);
    setInvalid(read.invalid);
    save.reset();
    if (read.invalid.length === 0) save.mutate({ next: read.domains, confirmed: false });
  };
  const conflicts = save.data?.conflicts ?? [];
  const asked = save.variables;
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
          onChange={(e) => {
            setDomains(e.target.value);
            if (conflicts.length > 0) save.reset();
          }}
        />
        <p id={`${ids}-domains-help`} className="muted small">
          Separated by commas, spaces or new lines. People at these domains are colleagues, never matched to a
          customer.
        </p>
        {invalid.length > 0 && (
          <p role="alert" className="error">
            {describeInvalidDomains(invalid)}
          </p>
        )}
        {save.isError && <ErrorAlert error={save.error} />}
        {conflicts.length > 0 && asked && (
          <DomainConflicts
            conflicts={conflicts}
            saving={save.isPending}
            onSaveAnyway={() => save.mutate({ next: asked.next, confirmed: true })}
          />
        )}
        {save.data?.saved && (
          <p role="status" className="small">
            Saved.
          </p>
        )}
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
      </form>
      <CalendarMeetingsSetting api={api} org={org} />
      <CompetitorsSetting api={api} org={org} />
    </section>
  );
}
