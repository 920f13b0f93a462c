// Runs from app.html before the first paint. It is a file, not an inline script: the site's
// Content-Security-Policy (svelte.config.js) lets no inline script run but SvelteKit's hashed bootstrap.
(function () {
  var html = document.documentElement;
  // The theme before the app starts, so the first paint is not light in a dark room (src/lib/theme.ts reads the same key).
  try {
    var theme = localStorage.getItem('kelan.theme');
    html.dataset.theme = theme === 'light' || theme === 'dark' ? theme
      : matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  } catch (e) {}
  // The compare page's HTML carries the default view drawn at build time, and names it in a meta tag
  // (src/routes/first-view.ts). When the URL asks for another view, or the reader reads English, the page
  // is marked stale and stays hidden until the app starts.
  var meta = document.querySelector('meta[name="kelan-first-view"]');
  if (!meta) return;
  try {
    var drawn = JSON.parse(meta.getAttribute('content') || '{}');
    var params = new URLSearchParams(location.search);
    var same = true;
    for (var k in drawn) {
      var v = params.get(k);
      if (v !== null && v !== drawn[k]) same = false;
    }
    var lang = params.get('lang');
    try {
      if (lang === null) lang = localStorage.getItem('kelan.lang');
    } catch (e) {}
    if (lang === 'en' || !same) html.dataset.prerender = 'stale';
  } catch (e) {
    html.dataset.prerender = 'stale';
  }
})();
