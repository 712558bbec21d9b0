// An embed's options as the three snippets a course author can paste: the
// <descent-playground> element, a mount() call, and an iframe of embed.html
// with the few lines that size it. Options are those of mount(): lesson,
// scene, controls, size, caption, autoplay, lang; what is left out is the default.
// `base` is where Descent's files are, as the course page reaches them.

/** Options in the order the snippets write them. */
const ORDER = ['lang', 'lesson', 'scene', 'controls', 'size', 'caption', 'autoplay'];

const ordered = (options) => ORDER.filter((k) => options[k] !== undefined && options[k] !== false && options[k] !== '')
  .map((k) => [k, options[k]]);

/** Text made safe inside a double-quoted HTML attribute. */
const attribute = (text) => String(text).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A base that a module import takes: 'descent/' is a bare name there, './descent/' is not. */
const importable = (base) => (/^(\.{0,2}\/|[a-z][\w+.-]*:)/i.test(base) ? base : `./${base}`);

const withSlash = (base) => (base === '' || base.endsWith('/') ? base : `${base}/`);

/** The custom element, and the one line that defines it. */
export function elementSnippet(options, base = 'descent/') {
  const attrs = ordered(options).map(([k, v]) => (v === true ? k : `${k}="${attribute(v)}"`));
  return `<script type="module" src="${attribute(withSlash(base))}descent.js"></script>\n`
    + `<descent-playground${attrs.map((a) => ` ${a}`).join('')}></descent-playground>`;
}

/** A mount() call on a <div> of its own. */
export function scriptSnippet(options, base = 'descent/', id = 'descent-playground-1') {
  // `</` would end the script early inside a caption or a scene.
  const json = JSON.stringify(Object.fromEntries(ordered(options)), null, 2).replace(/<\//g, '<\\/').replace(/\n/g, '\n  ');
  return `<div id="${attribute(id)}"></div>\n<script type="module">\n`
    + `  import { mount } from '${importable(withSlash(base))}descent.js';\n`
    + `  mount(document.getElementById('${id}'), ${json});\n</script>`;
}

/**
 * The iframe's height (CSS px) before its page reports one, or where no
 * listener sizes it: full holds its playground in a column of 1200 px or
 * wider, medium of 1000 px, small of 700 px (tests/embedding.test.mjs checks
 * these; README, "Without scripts: the iframe form").
 */
export const FRAME_HEIGHT = { full: 1300, medium: 1250, small: 560 };

/** The message type embed.html sends its height in. */
export const HEIGHT_MESSAGE = 'descent:height';

/** embed.html's address for these options: the scene or lesson in the hash, the rest in the query. */
export function embedAddress(options, base = 'descent/') {
  const query = new URLSearchParams();
  for (const [k, v] of ordered(options)) {
    if (k !== 'lesson' && k !== 'scene') query.set(k, v === true ? '' : v);
  }
  const search = query.toString().replace(/%2C/g, ',').replace(/autoplay=(&|$)/, 'autoplay$1');
  const hash = options.lesson ? `lesson=${options.lesson}` : options.scene ?? '';
  return `${withSlash(base)}embed.html${search ? `?${search}` : ''}${hash ? `#${hash}` : ''}`;
}

/**
 * The iframe, at a height that holds the playground without the listener
 * (`height`, CSS px), and the listener that sizes every iframe of class
 * "descent" to what its embed.html reports.
 */
export function iframeSnippet(options, base = 'descent/', height = FRAME_HEIGHT[options.size ?? 'full']) {
  return `<iframe class="descent" src="${attribute(embedAddress(options, base))}" title="A Descent playground"\n`
    + `  width="100%" height="${height}" style="border: 0; display: block"></iframe>\n`
    + `<script>\n`
    + `  // Sizes each Descent iframe to its playground: embed.html sends its height.\n`
    + `  addEventListener('message', (event) => {\n`
    + `    const { type, height } = event.data ?? {};\n`
    + `    if (type !== '${HEIGHT_MESSAGE}' || !(height > 0 && height < 10000)) return;\n`
    + `    for (const frame of document.querySelectorAll('iframe.descent')) {\n`
    + `      if (frame.contentWindow === event.source) frame.style.height = \`\${Math.ceil(height)}px\`;\n`
    + `    }\n`
    + `  });\n`
    + `</script>`;
}
