/*
 * Kelan embeds, host side: sizes each <iframe data-kelan-embed> to the height
 * its chart posts ({ type: 'kelan:embed-height', id, height }). Only a message
 * from one of those frames, from the origin its src names, is applied.
 * No dependencies; ES5, so it runs on any host page.
 */
(function () {
  if (window.kelanEmbed) return;
  window.kelanEmbed = true;
  var MIN = 100;
  var MAX = 5000;

  function frames() {
    return document.querySelectorAll('iframe[data-kelan-embed]');
  }

  function originOf(src) {
    var a = document.createElement('a');
    a.href = src;
    return a.protocol + '//' + a.host;
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== 'kelan:embed-height' || typeof data.height !== 'number' || !isFinite(data.height)) return;
    var list = frames();
    for (var i = 0; i < list.length; i++) {
      var frame = list[i];
      if (frame.contentWindow !== event.source || originOf(frame.src) !== event.origin) continue;
      var height = Math.round(Math.min(MAX, Math.max(MIN, data.height)));
      frame.style.height = height + 'px';
      frame.setAttribute('height', String(height));
      return;
    }
  });

  // Frames that drew before this script loaded have posted already: ask them again.
  var existing = frames();
  for (var k = 0; k < existing.length; k++) {
    if (existing[k].contentWindow) existing[k].contentWindow.postMessage({ type: 'kelan:embed-ping' }, '*');
  }
})();
