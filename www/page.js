// The full page: one playground that follows the URL hash and keeps itself in
// localStorage, and the lesson menu above it.
import { lessons, languageFor } from './descent.js';
import { strings, coursePage } from './words.js';

const menu = document.getElementById('lesson-menu');
const main = document.getElementById('main');

// The page speaks its playground's language (`?lang=ko`).
const lang = languageFor({ hash: true });
for (const { name, title } of await lessons(lang)) menu.append(new Option(title, name));
const { code, t } = await strings(lang);
document.documentElement.lang = code;
document.getElementById('lesson-word').textContent = t.lesson;
menu.setAttribute('aria-label', t.lesson);
menu.options[0].text = t.free_play;
for (const [id, key] of [['tagline', 'tagline'], ['footer-private', 'footer_private'], ['course-link', 'footer_course'], ['builder-link', 'footer_builder']]) {
  document.getElementById(id).textContent = t[key];
}
document.getElementById('course-link').href = coursePage(code);
const showLesson = () => {
  const m = /^#lesson=([\w-]+)$/.exec(location.hash);
  menu.value = m && [...menu.options].some((o) => o.value === m[1]) ? m[1] : '';
};
showLesson();
window.addEventListener('hashchange', showLesson);
menu.addEventListener('change', async () => {
  if (menu.value) {
    location.hash = `lesson=${menu.value}`; // the playground follows the hash
  } else {
    const handle = await main.ready;
    history.replaceState(null, '', location.pathname);
    handle.freePlay();
  }
});

// The footer's link to the embed builder opens it on the scene as it is then.
document.getElementById('builder-link').addEventListener('click', (e) => {
  const pg = main.handle?.playground;
  if (!pg) return; // still loading: the builder opens on its own scene
  const lesson = pg.lesson_name();
  e.currentTarget.href = `builder.html#${lesson ? `lesson=${lesson}` : pg.scene_text()}`;
});
