// The words a playground shows, in its language. English comes from the
// wasm module's catalogue; another language is its file `lang/<code>.json`,
// fetched once a page and read (checked, completed with English) by the wasm
// module too, so the page and Rust speak from the one catalogue.
import * as wasm from './pkg/descent.js';

const loading = new Map();
const fetching = new Map();

/**
 * Starts fetching language `code`'s file (English has none), once a page:
 * asked for as the page starts, it arrives alongside the wasm, not after it.
 */
export function fetchLanguage(code) {
  if (code !== 'en' && !fetching.has(code)) {
    const url = new URL(`lang/${code}.json`, import.meta.url);
    fetching.set(code, fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url.pathname}: ${response.status}`);
      return response.text();
    }));
    fetching.get(code).catch(() => {}); // said by `strings`, when it is read
  }
  return fetching.get(code);
}

/** The primary language of a tag: 'ko-KR' → 'ko'; '' → 'en'. */
export function languageCode(tag) {
  const code = String(tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return /^[a-z]{2,3}$/.test(code) ? code : 'en';
}

/**
 * The strings of language `code` (`{key: text}`), after the wasm module has
 * loaded. A language with no file gives English and the reason.
 */
export function strings(code) {
  // Each language's object is built once a page: English's has 700 keys.
  if (!loading.has(code)) {
    loading.set(code, code === 'en'
      ? Promise.resolve({ code, t: wasm.strings('en') })
      : fetchLanguage(code)
        .then((text) => ({ code, t: wasm.load_language(code, text) }))
        .catch(async (e) => ({ ...(await strings('en')), failed: { code, message: e.message } })));
  }
  return loading.get(code);
}

const numberFormats = new Map();
/**
 * Language `code`'s number format. The page's first one loads the locale
 * data (about 90 ms on a throttled phone's first visit): `ready()` asks for
 * it while the wasm is still downloading.
 */
export function numberFormat(code) {
  if (!numberFormats.has(code)) numberFormats.set(code, new Intl.NumberFormat(code, { maximumFractionDigits: 20 }));
  return numberFormats.get(code);
}

/** `template` with each `{name}` replaced by its value; numbers in the language's own format. */
export function fill(template, values, code = 'en') {
  const numbers = numberFormat(code);
  return template.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!(name in values)) return whole;
    const v = values[name];
    return typeof v === 'number' ? numbers.format(v) : String(v);
  });
}

const escapes = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** Text made safe for markup and attributes. */
export const escape = (s) => String(s).replace(/[&<>"]/g, (c) => escapes[c]);

/** The example course page in language `code`: English's, or the language's own where it has one. */
const COURSE_PAGES = { ko: 'course.ko.html' };
export const coursePage = (code) => COURSE_PAGES[code] ?? 'course.html';
