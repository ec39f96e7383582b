import type { ComponentType } from 'react';
import type { z } from 'zod';
import type { meOutput } from '../../shared/api/auth.ts';
import type { UserRole } from '../../shared/enums.ts';
import type { ApiClient } from '../lib/api-client.ts';
import { AccountSection } from './account-section.tsx';
import { ApprovalsSection } from './actions/approvals-section.tsx';
import { AiSection } from './ai/ai-section.tsx';
import { AlertsSection } from './alerts/alerts-section.tsx';
import { BookSection } from './book/book-section.tsx';
import { ChangePasswordSection } from './change-password-form.tsx';
import { ConnectionsSection } from './connections/connections-section.tsx';
import { HealthModelSection } from './health/health-model-section.tsx';
import { IngestSection } from './ingest/ingest-section.tsx';
import { JobsSection } from './jobs/jobs-section.tsx';
import { MembersSection } from './members/members-section.tsx';
import { OrgSection } from './org/org-section.tsx';
import { StyleSection } from './style/style-section.tsx';
import { TokensSection } from './tokens/tokens-section.tsx';

/** What every section is given by the signed-in settings page. */
export interface SettingsSectionProps {
  api: ApiClient;
  me: z.infer<typeof meOutput>;
  /** The backend the extension signed in to; null on the page the backend serves (its own origin). */
  backendUrl: string | null;
  onSignOut: () => void;
}

export interface SettingsSection {
  /** Its address: `#/members` opens it, so a link (or another page) can point at it. */
  path: `/${string}`;
  title: string;
  /** Who sees it in the navigation and may open it; the API enforces the same roles. */
  allowed: (role: UserRole) => boolean;
  Section: ComponentType<SettingsSectionProps>;
}

function Account({ api, me, backendUrl, onSignOut }: SettingsSectionProps) {
  return (
    <>
      <AccountSection me={me} backendUrl={backendUrl} onSignOut={onSignOut} />
      <ChangePasswordSection api={api} />
    </>
  );
}

function Members({ api, me }: SettingsSectionProps) {
  return <MembersSection api={api} me={me.user} />;
}

function Organisation({ api, me }: SettingsSectionProps) {
  return <OrgSection api={api} org={me.org} />;
}

function Ai({ api }: SettingsSectionProps) {
  return <AiSection api={api} />;
}

function WritingStyle({ api }: SettingsSectionProps) {
  return <StyleSection api={api} />;
}

function Connections({ api }: SettingsSectionProps) {
  return <ConnectionsSection api={api} />;
}

function Tokens({ api, me }: SettingsSectionProps) {
  return <TokensSection api={api} me={me.user} />;
}

function Book({ api }: SettingsSectionProps) {
  return <BookSection api={api} />;
}

function Alerts({ api, me }: SettingsSectionProps) {
  return <AlertsSection api={api} me={me.user} />;
}

function Approvals({ api, me }: SettingsSectionProps) {
  return <ApprovalsSection api={api} me={me.user} />;
}

function HealthModel({ api, me }: SettingsSectionProps) {
  return <HealthModelSection api={api} me={me.user} />;
}

function Jobs({ api }: SettingsSectionProps) {
  return <JobsSection api={api} />;
}

function Ingest({ api, backendUrl }: SettingsSectionProps) {
  return <IngestSection api={api} backendUrl={backendUrl} />;
}

const admins = (role: UserRole) => role === 'admin';

/**
 * Every section of the settings page, in navigation order: the one place a feature registers its
 * section (its folder holds the component). The first one a role may open is the landing section.
 */
export const settingsSections: readonly SettingsSection[] = [
  { path: '/account', title: 'Account', allowed: () => true, Section: Account },
  { path: '/style', title: 'Writing style', allowed: () => true, Section: WritingStyle },
  { path: '/book', title: 'Book of business', allowed: () => true, Section: Book },
  { path: '/approvals', title: 'Approvals', allowed: () => true, Section: Approvals },
  { path: '/alerts', title: 'Health alerts', allowed: () => true, Section: Alerts },
  // Everyone reads the model that scores their accounts; only an admin changes it (the API holds the same).
  { path: '/health', title: 'Health model', allowed: () => true, Section: HealthModel },
  { path: '/members', title: 'Members', allowed: admins, Section: Members },
  { path: '/org', title: 'Organisation', allowed: admins, Section: Organisation },
  { path: '/ai', title: 'AI', allowed: admins, Section: Ai },
  { path: '/jobs', title: 'Background jobs', allowed: admins, Section: Jobs },
  { path: '/ingest', title: 'Signal ingest', allowed: admins, Section: Ingest },
  // Viewers act through nothing: the API lets them list, never connect.
  { path: '/connections', title: 'Connections', allowed: (role) => role !== 'viewer', Section: Connections },
  // Viewers get no tokens from the API.
  { path: '/tokens', title: 'Access tokens', allowed: (role) => role !== 'viewer', Section: Tokens },
];
