// What the language tests share: the Korean catalogue as built, a phone,
// the English catalogue of a page, and the checks that no English string of
// the catalogue is left on a Korean page and that no control's text overflows.
import { readFileSync } from 'node:fs';

export const KOREAN = JSON.parse(readFileSync(new URL('../dist/lang/ko.json', import.meta.url), 'utf8'));
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

/** The English catalogue, from the page's own wasm module. */
export const english = (page) => page.evaluate(async () => (await import('./pkg/descent.js')).strings('en'));

/**
 * English strings left on a Korean page: every visible text node, aria-label
 * and title (in the page and in each playground's shadow root) that is an
 * English catalogue entry (placeholders matching anything) whose Korean
 * differs.
 */
export async function englishLeft(page, en) {
  const shown = await page.evaluate(() => {
    const out = [];
    const visit = (root) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let node = walker.currentNode; node; node = walker.nextNode()) {
        if (node.nodeType === Node.TEXT_NODE) {
          const el = node.parentElement;
          const text = node.textContent.trim();
          // translate="no": a name that is the same in every language (an attribute's value).
          if (text && el && el.checkVisibility() && !el.closest('script, style, dialog:not([open]), [translate=no]')) out.push(text);
          continue;
        }
        if (node.shadowRoot) visit(node.shadowRoot);
        if (!node.checkVisibility?.() && !['CANVAS'].includes(node.tagName)) continue;
        for (const name of ['aria-label', 'title']) {
          const v = node.getAttribute?.(name);
          if (v) out.push(v.trim());
        }
      }
    };
    visit(document.body);
    return out;
  });
  const patterns = Object.entries(en)
    // A template of placeholders alone (`{count} {colour} {shape}`) has no English word to find.
    .filter(([key, text]) => KOREAN[key] !== text && /[a-z]{2}/i.test(text.replace(/\{\w+\}/g, '')))
    .map(([key, text]) => [key, new RegExp(`^${text.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '.+?')}$`)]);
  const left = [];
  // A note joins sentences with " · ", the slow step's text is lines: each piece is checked too.
  const pieces = shown.flatMap((s) => [s, ...s.split(/\n| · /).map((p) => p.trim()).filter(Boolean)]);
  for (const s of pieces) {
    for (const [key, re] of patterns) if (re.test(s)) left.push(`${key}: ${s}`);
  }
  return [...new Set(left)];
}

/** Controls whose text does not fit their box (a label cut off or spilling over). */
export const overflowing = (page) => page.evaluate(() => $all('button, .field, label, .small, h2, legend, select')
  .filter((el) => el.checkVisibility() && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
  .map((el) => `${el.tagName.toLowerCase()}#${el.id}: ${el.textContent.trim().slice(0, 40)}`));
