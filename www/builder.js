// The embed builder: the author sets up a scene on a live playground, ticks
// the controls to show, picks a size, a caption, autoplay or a lesson, and
// copies a snippet in one of three forms. The preview is that snippet's own
// element, so it shows exactly what a course page will. The lessons, control
// groups and sizes come from the playground's tables (descent.js).
import { ready, lessons, controlGroups, SIZES } from './descent.js';
import { elementSnippet, scriptSnippet, iframeSnippet } from './snippets.js';
import { strings, languageCode, fill, coursePage } from './words.js';

const $ = (id) => document.getElementById(id);
// The builder speaks the language of its address (?lang=ko) or page, as its
// editor does; the snippets' language is the menu's, that language at first.
const asked = languageCode(new URLSearchParams(location.search).get('lang') || document.documentElement.lang);
const editor = document.createElement('descent-playground');
editor.id = 'editor';
if (asked !== 'en') editor.setAttribute('lang', asked);
$('editor-place').replaceWith(editor);
await ready(); // English is the wasm module's own catalogue
const { code, t } = await strings(asked);
document.documentElement.lang = code;
for (const el of document.querySelectorAll('[data-t]')) el.textContent = t[el.dataset.t];
for (const el of document.querySelectorAll('[data-t-placeholder]')) el.placeholder = t[el.dataset.tPlaceholder];
for (const el of document.querySelectorAll('[data-t-aria-label]')) el.setAttribute('aria-label', t[el.dataset.tAriaLabel]);
$('course-link').href = coursePage(code);
if ([...$('language').options].some((o) => o.value === code)) $('language').value = code === 'en' ? '' : code;
const handle = await editor.ready;
const pg = handle.playground;
const groups = await controlGroups();
// builder.html#<scene> or #lesson=<name> (what "Embed…" beside Copy link opens) starts from that.
if (location.hash) handle.followHash();

for (const { name, title } of await lessons(code)) $('lesson').append(new Option(title, name));
const box = (type, name, value, text, checked) => {
  const label = document.createElement('label');
  label.className = 'check';
  const input = document.createElement('input');
  Object.assign(input, { type, name, value, checked });
  // A group's or size's name is the snippet's attribute value: the same in every language.
  const shown = document.createElement('span');
  shown.translate = false;
  shown.textContent = text;
  label.append(input, ' ', shown);
  return label;
};
$('group-boxes').append(...groups.map((g) => box('checkbox', 'group', g, g, true)));
$('sizes').append(...SIZES.map((s) => box('radio', 'size', s, s, s === 'full')));
const groupBoxes = [...document.querySelectorAll('input[name=group]')];

/** The control groups the editor shows now (a lesson shows its own). */
const shownGroups = () => groups.filter((g) => [...editor.shadowRoot.querySelectorAll(`[data-group="${g}"]`)]
  .some((el) => !el.hidden));

/** mount()'s options for what the author chose; defaults are left out. */
function options() {
  const chosen = {};
  const lesson = pg.lesson_name();
  if (lesson) {
    chosen.lesson = lesson; // a lesson brings its own scene, controls and caption
  } else {
    const scene = pg.short_scene_text();
    if (scene !== 'v=1') chosen.scene = scene;
    const ticked = groupBoxes.filter((b) => b.checked).map((b) => b.value);
    if (ticked.length && ticked.length < groups.length) chosen.controls = ticked.join(',');
    if ($('caption').value.trim()) chosen.caption = $('caption').value.trim();
  }
  const size = document.querySelector('input[name=size]:checked').value;
  if (size !== 'full') chosen.size = size;
  if ($('autoplay').checked) chosen.autoplay = true;
  if ($('language').value) chosen.lang = $('language').value;
  return chosen;
}

let previewed = '';
let previewTimer;
/** The preview is the element snippet's own element, made again when the options change. */
function preview(chosen) {
  const key = JSON.stringify(chosen);
  if (key === previewed) return;
  previewed = key;
  const element = document.createElement('descent-playground');
  for (const [k, v] of Object.entries(chosen)) element.setAttribute(k, v === true ? '' : v);
  $('preview').replaceChildren(element);
  $('size-warning').textContent = '';
  // Once the preview has been drawn: what it shows is then final.
  element.ready.then((handle) => handle.view.drawn).then(() => {
    if (element.isConnected) $('size-warning').textContent = sizeWarning(chosen, element.shadowRoot);
  }, () => {}); // a playground that failed to start says so itself
}

/**
 * What the chosen size hides that the author asked for: compared in the
 * page itself, the editor (full size) against the preview (the snippet's
 * size), so it says what a course page will really lack.
 */
function sizeWarning(chosen, preview) {
  if (!chosen.size) return '';
  const seen = (root, selector) => [...root.querySelectorAll(selector)].some((el) => el.checkVisibility());
  const wanted = chosen.lesson ? shownGroups() : chosen.controls?.split(',') ?? groups;
  const lost = [];
  if (chosen.lesson && seen(editor.shadowRoot, '.lesson-panel') && !seen(preview, '.lesson-panel')) lost.push(t.builder_lost_panel);
  if (chosen.lesson && seen(editor.shadowRoot, '.question') && !seen(preview, '.question')) lost.push(t.builder_lost_question);
  const groupsLost = wanted.filter((g) => seen(editor.shadowRoot, `[data-group="${g}"]`) && !seen(preview, `[data-group="${g}"]`));
  if (groupsLost.length) {
    lost.push(fill(groupsLost.length === 1 ? t.builder_lost_control : t.builder_lost_controls, { names: groupsLost.join(', ') }));
  }
  if (!lost.length) return '';
  return fill(t.builder_size_hides, { size: chosen.size, list: new Intl.ListFormat(code).format(lost) });
}

let ownTicks = null; // the author's own ticks, kept while a lesson shows its own groups
function refresh() {
  const lesson = pg.lesson_name();
  if (lesson && !ownTicks) ownTicks = groupBoxes.map((b) => b.checked);
  if (!lesson && ownTicks) {
    groupBoxes.forEach((b, i) => { b.checked = ownTicks[i]; });
    ownTicks = null;
  }
  const shown = lesson ? shownGroups() : null;
  for (const b of groupBoxes) {
    b.disabled = Boolean(lesson);
    if (lesson) b.checked = shown.includes(b.value);
  }
  $('all-groups').disabled = Boolean(lesson);
  $('caption').disabled = Boolean(lesson);
  const ticked = groupBoxes.filter((b) => b.checked).length;
  $('groups-hint').textContent = lesson ? t.builder_lesson_hint : ticked === 0 ? t.builder_no_group_hint : '';
  const chosen = options();
  const base = $('base').value.trim();
  $('element-code').value = elementSnippet(chosen, base);
  $('script-code').value = scriptSnippet(chosen, base);
  $('iframe-code').value = iframeSnippet(chosen, base);
  clearTimeout(previewTimer);
  previewTimer = setTimeout(() => preview(chosen), 250);
}

$('options').addEventListener('input', refresh);
$('options').addEventListener('submit', (e) => e.preventDefault());
$('all-groups').addEventListener('click', () => { for (const b of groupBoxes) b.checked = true; refresh(); });
$('lesson').addEventListener('change', () => {
  if ($('lesson').value) handle.lesson($('lesson').value);
  else handle.freePlay(); // back to the scene the author had before the lesson
  refresh();
});
$('preview-width').addEventListener('change', () => { $('preview').style.maxWidth = `${$('preview-width').value}px`; });
$('preview').style.maxWidth = `${$('preview-width').value}px`;

for (const button of document.querySelectorAll('[data-copy]')) {
  button.addEventListener('click', async () => {
    const area = $(button.dataset.copy);
    try {
      await navigator.clipboard.writeText(area.value);
      $('copied').textContent = t.builder_copied;
    } catch {
      area.select();
      $('copied').textContent = t.builder_copy_refused;
    }
  });
}

// The scene changes inside the editor's own controls (and its hash): look
// for a change a few times a second, and write the snippets again.
let seen = '';
const watch = () => {
  const now = `${pg.lesson_name()}|${pg.scene_text()}`;
  if (now !== seen) {
    seen = now;
    $('lesson').value = pg.lesson_name(); // a lesson opened (or left) in the editor itself
    refresh();
  }
};
setInterval(watch, 300);
watch();
