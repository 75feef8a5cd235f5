'use strict';
// The reader's screen: shows the view the box sends at each change (server-sent events) and sends
// the reader's choice of language back. Nothing is decided here: the box renders every sentence.
(() => {
  const unit = decodeURIComponent(location.pathname.split('/')[2] || '');
  const base = '/screen/' + encodeURIComponent(unit);
  const $ = (id) => document.getElementById(id);
  let ticking = null;

  function list(el, items, nothing) {
    el.replaceChildren(...(items.length ? items : [nothing]).map((t) => {
      const li = document.createElement('li');
      li.textContent = t;
      return li;
    }));
  }

  function languages(v) {
    const nav = $('languages');
    nav.setAttribute('aria-label', v.labels['switch-language']);
    nav.replaceChildren(...v.languages.map((l) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.lang = l.tag;
      b.dataset.lang = l.tag;
      b.textContent = l.name;
      b.setAttribute('aria-pressed', String(l.tag === v.lang));
      b.addEventListener('click', () => fetch(base + '/language', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ lang: l.tag }),
      }));
      return b;
    }));
  }

  function render(v) {
    document.documentElement.lang = v.lang;
    document.body.className = 'tone-' + v.tone;
    document.body.dataset.phrase = v.phrase;
    $('text').textContent = v.text;
    $('door').hidden = !v.door;
    if (v.door) {
      $('door-label').textContent = v.labels.door;
      $('door-name').textContent = v.door;
    }
    clearInterval(ticking);
    $('countdown').hidden = v.countdown == null;
    if (v.countdown != null) {
      let left = v.countdown;
      $('seconds').textContent = left;
      $('seconds-label').textContent = v.labels.seconds;
      ticking = setInterval(() => {
        left = Math.max(0, left - 1);
        $('seconds').textContent = left;
      }, 1000);
    }
    $('count').hidden = v.count == null;
    if (v.count != null) {
      $('count-number').textContent = v.count;
      $('count-label').textContent = v.labels['books-in-stack'];
    }
    $('result').hidden = !v.taken;
    if (v.taken) {
      $('taken-label').textContent = v.labels.taken;
      $('left-label').textContent = v.labels.left;
      list($('taken'), v.taken, v.labels.nothing);
      list($('left'), v.left, v.labels.nothing);
    }
    languages(v);
  }

  const live = new EventSource(base + '/live');
  live.onmessage = (e) => {
    $('offline').hidden = true;
    render(JSON.parse(e.data));
  };
  // the browser reconnects by itself (an agent restarting); meanwhile the reader is asked to wait
  live.onerror = () => {
    $('offline').hidden = false;
  };
})();
