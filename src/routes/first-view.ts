import type { FirstView } from '$lib/first-view.ts';

/**
 * An inline script for the prerendered page: when the URL asks for another view
 * than the one drawn at build time (or the reader's language is English), it marks
 * the document `data-prerender="stale"`, and the page stays hidden until the app starts.
 */
export function staleScript(first: FirstView): string {
  const drawn = {
    indicator: first.indicator,
    measure: first.view.measure?.measure ?? '',
    unit: first.view.measure?.unit ?? '',
    regions: first.regions.join(','),
  };
  // JSON in a script: `<` escaped so no value can close the element.
  const json = JSON.stringify(drawn).replace(/</g, '\\u003c');
  return `<script>(function(){var d=${json},p=new URLSearchParams(location.search),ok=true,l=p.get('lang');
for(var k in d){var v=p.get(k);if(v!==null&&v!==d[k])ok=false}
try{if(l===null)l=localStorage.getItem('kelan.lang')}catch(e){}
if(l==='en'||!ok)document.documentElement.dataset.prerender='stale'})()</script>`;
}
