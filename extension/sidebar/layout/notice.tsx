import type { ReactNode } from 'react';

export function Notice({
  title,
  children,
  tone = 'neutral',
}: {
  title: string;
  children?: ReactNode;
  tone?: 'neutral' | 'warning';
}) {
  return (
    <section className={`notice ${tone}`} aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}
