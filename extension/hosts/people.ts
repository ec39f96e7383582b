import type { Person } from '../../shared/host-context.ts';

const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Keeps the first entry per address (or per name when there is none), in page order. */
export function uniquePeople<P extends Person>(people: Iterable<P>): P[] {
  const seen = new Map<string, P>();
  for (const p of people) {
    const key = p.email ?? `name:${p.name}`;
    if (!seen.has(key)) seen.set(key, p);
  }
  return [...seen.values()];
}

export function asEmail(value: string | null | undefined): string | null {
  const trimmed = value?.trim().toLowerCase();
  return trimmed && emailShape.test(trimmed) ? trimmed : null;
}

export function visibleText(element: Element | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
