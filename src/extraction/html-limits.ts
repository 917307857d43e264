import { HtmlRefusedError } from './errors';

/**
 * Caps on the shape of an HTML document before it is parsed. Readability's work grows faster
 * than the nesting depth (each level rescans the levels below it, up to four times over): 1.7 s
 * at 250 levels, 43 s at 1,000, a stack overflow at 3,000. Up to 64 levels its cost stays within
 * ten times the cost of a tenth of the depth (test/unit/extraction; at 100 levels it is already
 * 10 to 15 times). News pages nest 15 to 40 levels and hold a few thousand elements; the caps
 * leave a margin over that.
 */
export const MAX_HTML_DEPTH = 64;
export const MAX_HTML_ELEMENTS = 30_000;
/** The parser adds elements the markup leaves implicit (html, head, body, tbody), and may
 *  nest reopened formatting elements a little deeper than the markup reads. */
export const PARSED_DEPTH_SLACK = 16;

export interface HtmlShape {
  /** deepest element nesting, counting the elements the markup opens */
  depth: number;
  elements: number;
}

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

/** Elements whose content is text up to their own end tag: tags inside them are not tags. */
const RAW_TEXT = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'plaintext',
]);

/** Start tags that end an open <p> (the HTML parser's implied end tags). */
const CLOSES_P = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'ul',
]);

/** A start tag that ends an open element of its own kind within a scope, as the parser does. */
const ENDS_SIBLING = new Map<string, { same: string[]; scope: string[] }>(
  Object.entries({
    li: { same: ['li'], scope: ['ul', 'ol', 'menu'] },
    dd: { same: ['dd', 'dt'], scope: ['dl'] },
    dt: { same: ['dd', 'dt'], scope: ['dl'] },
    option: { same: ['option'], scope: ['select', 'datalist', 'optgroup'] },
    optgroup: { same: ['optgroup', 'option'], scope: ['select'] },
    td: { same: ['td', 'th'], scope: ['tr', 'table'] },
    th: { same: ['td', 'th'], scope: ['tr', 'table'] },
    tr: { same: ['tr', 'td', 'th'], scope: ['table', 'tbody', 'thead', 'tfoot'] },
    tbody: { same: ['tbody', 'thead', 'tfoot', 'tr', 'td', 'th'], scope: ['table'] },
    thead: { same: ['tbody', 'thead', 'tfoot', 'tr', 'td', 'th'], scope: ['table'] },
    tfoot: { same: ['tbody', 'thead', 'tfoot', 'tr', 'td', 'th'], scope: ['table'] },
  }),
);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

const rawTextEnd = new Map<string, RegExp>();
function endTagOf(name: string): RegExp {
  let pattern = rawTextEnd.get(name);
  if (!pattern) {
    pattern = new RegExp(`</${name}[\\s/>]`, 'gi');
    rawTextEnd.set(name, pattern);
  }
  return pattern;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isNameChar(code: number): boolean {
  return isLetter(code) || (code >= 48 && code <= 57) || code === 45 || code === 58 || code === 95;
}

/**
 * Measures nesting depth and element count with one pass over the tags (no DOM), and throws
 * HtmlRefusedError as soon as either cap is passed, so an oversized document costs at most one
 * scan of its first part. Approximate where the HTML parser is lenient, erring towards deeper:
 * implied end tags of p, li, dd/dt, options, table parts and headings are followed, stray end
 * tags are ignored, and `<div/>` opens a div as it does in HTML (self-closing counts only inside
 * svg and math). Each tag costs at most MAX_HTML_DEPTH steps, so the scan is linear.
 */
export function checkHtmlShape(
  html: string,
  limits: { maxDepth: number; maxElements: number } = {
    maxDepth: MAX_HTML_DEPTH,
    maxElements: MAX_HTML_ELEMENTS,
  },
): HtmlShape {
  const stack: string[] = [];
  let foreign = 0;
  let depth = 0;
  let elements = 0;
  let i = html.indexOf('<');
  const n = html.length;

  const popTo = (index: number): void => {
    for (let k = stack.length - 1; k >= index; k--) {
      if (stack[k] === 'svg' || stack[k] === 'math') foreign--;
    }
    stack.length = index;
  };
  /** The outermost open element named `names` above the nearest `scope` element, or -1. */
  const findOpen = (names: string[], scope: string[]): number => {
    let found = -1;
    for (let k = stack.length - 1; k >= 0; k--) {
      if (scope.includes(stack[k])) break;
      if (names.includes(stack[k])) found = k;
    }
    return found;
  };

  while (i >= 0 && i < n) {
    const next = html.charCodeAt(i + 1);
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end < 0 ? -1 : html.indexOf('<', end + 3);
      continue;
    }
    if (next === 33 /* ! */ || next === 63 /* ? */) {
      const end = html.indexOf('>', i + 2);
      i = end < 0 ? -1 : html.indexOf('<', end + 1);
      continue;
    }
    const closing = next === 47; /* / */
    let j = closing ? i + 2 : i + 1;
    if (!isLetter(html.charCodeAt(j))) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    const nameStart = j;
    while (j < n && isNameChar(html.charCodeAt(j))) j++;
    const name = html.slice(nameStart, j).toLowerCase();
    // The rest of the tag: attributes, whose quoted values may hold '>'.
    let end = -1;
    while (j < n) {
      const code = html.charCodeAt(j);
      if (code === 62 /* > */) {
        end = j;
        break;
      }
      if (code === 34 || code === 39) {
        const close = html.indexOf(code === 34 ? '"' : "'", j + 1);
        if (close < 0) break;
        j = close + 1;
        continue;
      }
      j++;
    }
    if (end < 0) break; // a tag left open to the end of the document: the parser drops it

    if (closing) {
      for (let k = stack.length - 1; k >= 0; k--) {
        if (stack[k] === name) {
          popTo(k);
          break;
        }
      }
      i = html.indexOf('<', end + 1);
      continue;
    }

    elements++;
    if (elements > limits.maxElements) {
      throw new HtmlRefusedError(
        'elements',
        `it holds more than ${limits.maxElements} elements (the limit for extraction)`,
      );
    }
    if (foreign === 0) {
      if (CLOSES_P.has(name)) {
        const p = findOpen(['p'], ['button']);
        if (p >= 0) popTo(p);
      }
      // A heading's start tag ends a heading that is the current element.
      if (HEADINGS.has(name) && HEADINGS.has(stack[stack.length - 1])) stack.pop();
      const sibling = ENDS_SIBLING.get(name); // a Map: `<constructor>` is just a tag
      if (sibling) {
        const open = findOpen(sibling.same, sibling.scope);
        if (open >= 0) popTo(open);
      }
    }
    const selfClosing = foreign > 0 && html.charCodeAt(end - 1) === 47;
    if (!VOID.has(name) && !selfClosing) {
      stack.push(name);
      if (name === 'svg' || name === 'math') foreign++;
      if (stack.length > depth) depth = stack.length;
      if (depth > limits.maxDepth) {
        throw new HtmlRefusedError(
          'depth',
          `its elements nest more than ${limits.maxDepth} levels deep (the limit for extraction)`,
        );
      }
    }
    if (foreign === 0 && RAW_TEXT.has(name)) {
      const pattern = endTagOf(name);
      pattern.lastIndex = end + 1;
      const match = pattern.exec(html);
      if (!match) break;
      stack.pop();
      const close = html.indexOf('>', match.index);
      if (close < 0) break;
      i = html.indexOf('<', close + 1);
      continue;
    }
    i = html.indexOf('<', end + 1);
  }
  return { depth, elements };
}
