import { gmailSelectors } from './selectors.ts';

const maxLength = 20_000;
/** Elements that sit on lines of their own (`<br>` is handled apart: it always breaks). */
const blockTags = new Set(
  'ADDRESS ARTICLE BLOCKQUOTE DD DIV DL DT FOOTER H1 H2 H3 H4 H5 H6 HEADER HR LI OL P PRE SECTION TABLE TD TH TR UL'.split(
    ' ',
  ),
);
const skippedTags = new Set(['SCRIPT', 'STYLE', 'TEMPLATE']);

/**
 * A message body as plain text, without the quoted history each reply repeats. Line breaks follow what a
 * reader sees (`<br>` a break, a block one line of its own), the rest of the whitespace collapses. Walks
 * the live element because `innerText` of a detached copy loses every line break.
 */
export function messageText(body: Element): string {
  let text = '';
  const lineBreak = () => {
    text = text.replace(/ +$/, '');
    if (text && !text.endsWith('\n')) text += '\n';
  };
  const walk = (node: Node, preformatted: boolean) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const value = node.textContent ?? '';
      text += preformatted ? value : value.replace(/\s+/g, ' ');
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const element = node as Element;
    if (skippedTags.has(element.tagName) || element.matches(gmailSelectors.quotedText)) return;
    if (element.tagName === 'BR') {
      text = `${text.replace(/ +$/, '')}\n`;
      return;
    }
    const block = blockTags.has(element.tagName);
    if (block) lineBreak();
    for (const child of element.childNodes) walk(child, preformatted || element.tagName === 'PRE');
    if (block) lineBreak();
  };
  for (const child of body.childNodes) walk(child, false);
  return tidy(text).slice(0, maxLength);
}

function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
