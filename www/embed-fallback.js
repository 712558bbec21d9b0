// The iframe form's fallback. Inside <iframe sandbox="allow-scripts"> the
// page's origin is opaque, so loading descent.js (a module) and its wasm
// needs the host to send Access-Control-Allow-Origin; a plain static server
// sends none, and the module does not load. Then this (a classic script,
// which needs no CORS, run after the module had its turn) loads
// standalone.js: the same modules and wasm in one classic script.
if (!customElements.get('descent-playground')) {
  const script = document.createElement('script');
  script.src = new URL('standalone.js', document.currentScript.src).href;
  script.onerror = () => {
    document.body.textContent = 'The playground could not load here: inside a sandboxed iframe the host must serve '
      + 'descent.js and pkg/descent_bg.wasm with the header Access-Control-Allow-Origin: *, or serve standalone.js.';
  };
  document.head.append(script);
}
