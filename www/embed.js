// The iframe form's options and its height. embed.html?size=small&controls=run,learning-rate
// &caption=…&autoplay#<scene> gives the playground those attributes (the
// scene or `lesson=name` is in the hash, as in a link). The page then tells
// its parent how tall it is, on load and whenever that changes:
//   parent.postMessage({ type: 'descent:height', height }, '*')
// so a listener on the course page can size the iframe to fit (README,
// "Iframes that size themselves"). A classic script run before the element
// is defined, so it works with standalone.js too.
(() => {
  const element = document.querySelector('descent-playground');
  const query = new URLSearchParams(location.search);
  for (const name of ['size', 'controls', 'caption']) {
    if (query.has(name)) element.setAttribute(name, query.get(name));
  }
  if (query.has('autoplay')) element.setAttribute('autoplay', '');
  if (window.parent === window) return;

  // The content's own height: the element and the body's margins, never the
  // frame's (which a too-tall frame would report back as the content's).
  let sent = 0;
  const report = () => {
    const style = getComputedStyle(document.body);
    const height = Math.ceil(element.getBoundingClientRect().bottom + window.scrollY
      + parseFloat(style.marginBottom) + parseFloat(style.paddingBottom));
    if (height === sent) return;
    sent = height;
    window.parent.postMessage({ type: 'descent:height', height }, '*');
  };
  new ResizeObserver(report).observe(element);
  window.addEventListener('load', report);
})();
