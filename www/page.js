// The full page: one playground that follows the URL hash and keeps itself in
// localStorage, and the lesson menu above it.
import { lessons } from './descent.js';

const menu = document.getElementById('lesson-menu');
const main = document.getElementById('main');

for (const { name, title } of await lessons()) menu.append(new Option(title, name));
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
