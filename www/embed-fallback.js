// The iframe form's fallback. Inside <iframe sandbox="allow-scripts"> the
// page's origin is opaque, so loading descent.js (a module) and its wasm
// needs the host to send Access-Control-Allow-Origin; a plain static server
// sends none, and the module does not load. Then this (a classic script,
// which needs no CORS, run after the module had its turn) loads
// standalone.js: the same modules and wasm in one classic script.
if (!customElements.get('descent-playground')) {
  // Its one message has its own small table: it is shown exactly when the
  // wasm, which holds the catalogue, and lang/*.json could not be loaded.
  const words = {
    en: 'The playground could not load here: inside a sandboxed iframe the host must serve '
      + 'descent.js and pkg/descent_bg.wasm with the header Access-Control-Allow-Origin: *, or serve standalone.js.',
    ko: '플레이그라운드를 여기서 불러올 수 없습니다: 샌드박스 iframe 안에서는 호스트가 '
      + 'descent.js와 pkg/descent_bg.wasm을 Access-Control-Allow-Origin: * 헤더와 함께 보내거나 standalone.js를 제공해야 합니다.',
  };
  // As the playground chooses: the address's ?lang=, else the page's <html lang>.
  const tag = new URLSearchParams(location.search).get('lang') || document.documentElement.lang;
  const code = String(tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  const script = document.createElement('script');
  script.src = new URL('standalone.js', document.currentScript.src).href;
  script.onerror = () => {
    document.body.textContent = words[code] ?? words.en;
    document.documentElement.lang = code in words ? code : 'en';
  };
  document.head.append(script);
}
