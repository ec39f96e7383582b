import type { StyleProfile } from '../../../shared/api/drafts.ts';
import { minSamples } from './learn-profile.ts';

/** The profile as a CSM would say it of themselves: one line a habit, nothing for what is not learned. */
export function describeStyleProfile(profile: StyleProfile): string[] {
  if (profile.samples === 0) return [];
  const lines: string[] = [];
  if (profile.greeting) lines.push(`Opens with “${profile.greeting}”`);
  if (profile.greetsByFullName) lines.push('Greets people by their full name');
  if (profile.signOff) lines.push(`Signs off with “${profile.signOff}”`);
  if (profile.signature) lines.push(`Signs as “${profile.signature.replaceAll('\n', ' / ')}”`);
  if (profile.typicalWords) lines.push(`Writes about ${profile.typicalWords} words`);
  if (profile.formality !== null) lines.push(register(profile.formality));
  if (profile.contractions === 'contracted') lines.push('Contracts words: “I’ll”, “it’s”');
  if (profile.contractions === 'spelled out') lines.push('Writes words out: “I will”, “it is”');
  if (profile.noExclamations) lines.push('Uses no exclamation marks');
  if (profile.shortDates) lines.push('Writes dates short: “Wed Nov 25”');
  if (profile.leadsWithAnswer) lines.push('Leads with the answer, thanks and small talk after it');
  if (profile.removedPhrases.length > 0) lines.push(`Cuts ${quoted(profile.removedPhrases)}`);
  if (profile.openingPhrases?.length) lines.push(`Starts with ${quoted(profile.openingPhrases)}`);
  if (profile.addedPhrases.length > 0) lines.push(`Often adds ${quoted(profile.addedPhrases)} near the end`);
  const drafts = profile.samples === 1 ? '1 sent draft' : `${profile.samples} sent drafts`;
  lines.push(
    profile.samples < minSamples
      ? `Learned from ${drafts}: a habit counts once ${minSamples} show it`
      : `Learned from the last ${drafts}`,
  );
  return lines;
}

function register(formality: number): string {
  if (formality <= -0.5) return 'Writes casually: contractions, exclamation marks';
  if (formality < -0.15) return 'Writes in a relaxed tone';
  if (formality <= 0.15) return 'Writes neither formally nor casually';
  if (formality < 0.5) return 'Writes in a businesslike tone';
  return 'Writes formally: no contractions, “Dear”, “Kind regards”';
}

function quoted(phrases: string[]): string {
  return phrases.map((p) => `“${p}”`).join(', ');
}
