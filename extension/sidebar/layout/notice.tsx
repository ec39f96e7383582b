import type { ReactNode } from 'react';

export function Notice({
  title,
  children,
  tone = 'neutral',
}: {
  title: string;
  children?: ReactNode;
  /** `calm`: nothing is wrong, there is just nothing to show (no card, no border). */
  tone?: 'neutral' | 'warning' | 'calm';
}) {
  return (
    <section className={`notice ${tone}`} aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}
