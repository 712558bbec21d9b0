// Page-side helper shared by the Chromium and the WebDriver tests, as a
// script's text to install in the page.
export const SEEN = `
  // The data canvas as a person sees it: the colour field and the rings
  // (canvases of their own beneath; the field is stretched by the
  // compositor) with the points over them. Any other canvas is itself.
  window.$seen = (c) => {
    const layers = [...(c.parentElement?.children ?? [])].filter((e) => e.localName === 'canvas');
    if (c.id !== 'data' || layers.length < 2) return c;
    const seen = document.createElement('canvas');
    [seen.width, seen.height] = [c.width, c.height];
    const ctx = seen.getContext('2d');
    ctx.imageSmoothingEnabled = true;
    for (const layer of layers) ctx.drawImage(layer, 0, 0, c.width, c.height);
    return seen;
  };
`;
