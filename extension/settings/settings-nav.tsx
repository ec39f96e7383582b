import { sectionHref } from './route.ts';
import type { SettingsSection } from './sections.tsx';

/** Links to the sections the user may open; the open one is marked as the current page. */
export function SettingsNav({
  sections,
  current,
}: {
  sections: readonly SettingsSection[];
  current: string | null;
}) {
  return (
    <nav className="settings-nav" aria-label="Settings">
      <ul>
        {sections.map((section) => (
          <li key={section.path}>
            <a href={sectionHref(section.path)} aria-current={section.path === current ? 'page' : undefined}>
              {section.title}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
