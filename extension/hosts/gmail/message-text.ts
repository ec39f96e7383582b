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
 * the live element because `innerText` of a detached copy loses every line break. Text the reader cannot
 * see (not displayed, invisible, transparent, a font too small to read, or in the colour of what is behind
 * it) is left out: a mail's hidden text is how instructions are slipped to a model behind the CSM's back.
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
    if (skippedTags.has(element.tagName) || element.matches(gmailSelectors.quotedText) || isHidden(element))
      return;
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

function isHidden(element: Element): boolean {
  const style = element.ownerDocument.defaultView?.getComputedStyle(element);
  if (!style) return false;
  if (style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse')
    return true;
  if (style.opacity !== '' && Number.parseFloat(style.opacity) === 0) return true;
  const fontSize = Number.parseFloat(style.fontSize);
  if (!Number.isNaN(fontSize) && fontSize < 2) return true;
  return style.color !== '' && sameColour(style.color, backgroundBehind(element));
}

/** The first background colour that is not transparent, from the element up; Gmail's own is white. */
function backgroundBehind(element: Element): string {
  for (let node: Element | null = element; node; node = node.parentElement) {
    const colour = node.ownerDocument.defaultView?.getComputedStyle(node).backgroundColor ?? '';
    if (colour && !isTransparent(colour)) return colour;
  }
  return 'rgb(255, 255, 255)';
}

function isTransparent(colour: string): boolean {
  return colour === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(colour);
}

function sameColour(a: string, b: string): boolean {
  const digits = (c: string) => normalisedColour(c);
  return digits(a) !== null && digits(a) === digits(b);
}

/** `#fff`, `#ffffff`, `white` and `rgb(255, 255, 255)` as one form, for the few ways mail writes colours. */
function normalisedColour(colour: string): string | null {
  const value = colour.trim().toLowerCase();
  if (value === 'white') return '255,255,255';
  if (value === 'black') return '0,0,0';
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(value)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)).join(',');
  }
  const rgb = /^rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)/.exec(value);
  return rgb ? rgb.slice(1, 4).join(',') : null;
}
