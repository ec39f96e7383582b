/**
 * Text as the page lays it out in lines: `textContent` glues block elements together ("Agenda:1. Usage
 * review", "2:00 – 3:00pmWeekly on Thursday"), so blocks and <br> become line breaks here, and ordered
 * list items keep their numbers. `skip` leaves out elements a sighted user does not read (visually
 * hidden labels).
 */
const blockTags = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TR',
  'UL',
]);
const unread = new Set(['SCRIPT', 'STYLE', 'TEMPLATE']);

/** The lines of text, each with its spaces collapsed; empty lines left out. */
export function textLines(root: Element | null, skip: (el: Element) => boolean = () => false): string[] {
  return splitLines(root, skip).filter(Boolean);
}

/** The text with its line breaks; runs of empty lines become one paragraph break. */
export function textWithLineBreaks(
  root: Element | null,
  skip: (el: Element) => boolean = () => false,
): string {
  return splitLines(root, skip)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Lines as a browser lays them out: a block boundary ends a line that has text (so nested or adjacent
 * blocks add no empty lines), while <br> always ends one (so `<div><br></div>` is an empty line).
 */
function splitLines(root: Element | null, skip: (el: Element) => boolean): string[] {
  if (!root) return [];
  const lines: string[] = [];
  let current = '';
  const endLine = (always: boolean) => {
    const line = current.replace(/[ \t\r\n\f\v\u00a0]+/g, ' ').trim();
    if (line || always) lines.push(line);
    current = '';
  };
  const walk = (node: Node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === child.TEXT_NODE) {
        current += child.textContent ?? '';
        continue;
      }
      if (child.nodeType !== child.ELEMENT_NODE) continue;
      const el = child as Element;
      if (unread.has(el.tagName) || skip(el)) continue;
      if (el.tagName === 'BR') {
        endLine(true);
        continue;
      }
      const block = blockTags.has(el.tagName);
      if (block) endLine(false);
      if (el.tagName === 'LI' && el.parentElement?.tagName === 'OL') current += `${listNumber(el)}. `;
      walk(el);
      if (block) endLine(false);
    }
  };
  walk(root);
  endLine(false);
  return lines;
}

function listNumber(item: Element): number {
  const list = item.parentElement;
  const start = Number(list?.getAttribute('start') ?? 1) || 1;
  const items = list ? [...list.children].filter((c) => c.tagName === 'LI') : [item];
  return start + items.indexOf(item);
}
