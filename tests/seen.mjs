// Page-side helper shared by the Chromium and the WebDriver tests, as a
// script's text to install in the page.
export const SEEN = `
  // A canvas as a person sees it, copied onto a 2D canvas to read (most of
  // the page's are shown from bitmaps, and have no 2D context): the data
  // canvas with the colour field and the rings (canvases of their own
  // beneath; the field is stretched by the compositor) under its points.
  window.$seen = (c) => {
    const siblings = [...(c.parentElement?.children ?? [])].filter((e) => e.localName === 'canvas');
    const layers = c.id === 'data' ? siblings : [c];
    const seen = document.createElement('canvas');
    [seen.width, seen.height] = [c.width, c.height];
    const ctx = seen.getContext('2d');
    ctx.imageSmoothingEnabled = true;
    for (const layer of layers) ctx.drawImage(layer, 0, 0, c.width, c.height);
    return seen;
  };
`;
