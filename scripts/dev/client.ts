/**
 * The only script of the preview page, sent inline and allowed by its hash in the page's
 * Content-Security-Policy. It is a constant: nothing of the manuscript is ever put into it.
 *
 * On a `reload` event of `/__events` it fetches the page again and replaces only the top-level
 * parts of the body that differ (the problems panel, the 目次, the edited chapter), so the
 * reader keeps their place. When the event stream reconnects (the server was restarted) it does
 * the same. In a vertical book the mouse wheel scrolls the pages sideways, right to left, as
 * one reads.
 */
import { createHash } from 'node:crypto';

/** The script's text, exactly as it is sent. */
export const CLIENT_SCRIPT = `(() => {
  const root = document.documentElement;
  const refresh = async () => {
    const response = await fetch(location.pathname, { cache: 'no-store' });
    if (!response.ok) return;
    const next = new DOMParser().parseFromString(await response.text(), 'text/html');
    document.title = next.title;
    root.lang = next.documentElement.lang;
    root.className = next.documentElement.className;
    const now = Array.from(document.body.children);
    const then = Array.from(next.body.children);
    if (now.length !== then.length) {
      document.body.replaceWith(next.body);
      return;
    }
    then.forEach((part, index) => {
      if (!now[index].isEqualNode(part)) now[index].replaceWith(part);
    });
  };
  let connected = false;
  const events = new EventSource('/__events');
  events.addEventListener('reload', () => void refresh());
  events.addEventListener('open', () => {
    if (connected) void refresh();
    connected = true;
  });
  addEventListener('wheel', (event) => {
    if (!root.classList.contains('vrtl') || event.ctrlKey || Math.abs(event.deltaX) >= Math.abs(event.deltaY)) return;
    if (event.target instanceof Element && event.target.closest('.preview-problems')) return;
    event.preventDefault();
    scrollBy({ left: -event.deltaY * (event.deltaMode === 1 ? 40 : event.deltaMode === 2 ? innerWidth : 1) });
  }, { passive: false });
})();`;

/** The script's hash as a CSP source expression. */
export const CLIENT_SCRIPT_HASH = `'sha256-${createHash('sha256').update(CLIENT_SCRIPT).digest('base64')}'`;
