/**
 * Charts are drawn for the width their box is given, and drawn again when it
 * changes (a phone turned, a window resized, a panel opening beside them).
 */

/**
 * Calls `draw` with `node`'s content width in whole pixels, at once (when the
 * node is laid out) and again whenever that width changes, at most once a
 * frame; never with 0 (a hidden box). Returns the function that stops watching.
 */
export function observeWidth(node: Element, draw: (width: number) => void): () => void {
  let frame = 0;
  let last = 0;
  // The first drawing at once, not a frame later: a page is whole when it first settles.
  const style = getComputedStyle(node);
  const first = Math.floor(node.clientWidth - parseFloat(style.paddingLeft || '0') - parseFloat(style.paddingRight || '0'));
  if (first > 0) draw((last = first));
  const observer = new ResizeObserver(([entry]) => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      const width = Math.floor(entry.contentRect.width);
      if (width > 0 && width !== last) draw((last = width));
    });
  });
  observer.observe(node);
  return () => {
    cancelAnimationFrame(frame);
    observer.disconnect();
  };
}
