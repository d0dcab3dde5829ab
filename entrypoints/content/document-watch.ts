/**
 * document.open() (and a document.write() after the page has loaded) erases
 * every event listener of the document, its nodes and its window, the content
 * script's included, and puts a new root element in place; the page can do
 * that to its own document or to an about:blank frame it fills. A
 * MutationObserver is not an event listener and survives it: when a new root
 * element appears, `reinstall` adds the listeners again (addEventListener
 * ignores a listener that is already there, so reinstalling is harmless).
 */
export function whenDocumentReplaced(doc: Document, reinstall: () => void): () => void {
  const observer = new MutationObserver((records) => {
    if (records.some((record) => [...record.addedNodes].some((node) => node.nodeType === Node.ELEMENT_NODE))) reinstall();
  });
  observer.observe(doc, { childList: true });
  return () => observer.disconnect();
}
