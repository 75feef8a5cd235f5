'use strict';
// The technician's console: the box's state every second (server-sent events from /console/live),
// and buttons that use the local API's own calls. Off loopback the browser sends the technician's
// token the way it was asked for (Basic, the token as the password; see the README).
(() => {
  const $ = (id) => document.getElementById(id);

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text != null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  async function call(method, path, body) {
    const init = { method, headers: {} };
    if (body !== undefined) {
      init.headers['content-type'] = typeof body === 'string' ? 'text/plain' : 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const r = await fetch(path, init);
    const text = await r.text();
    let json;
    try { json = JSON.parse(text); } catch (e) { json = { text }; }
    return { ok: r.ok, status: r.status, body: json };
  }

  function answer(what, r) {
    const a = $('answer');
    a.textContent = what + ': ' + (r.ok ? (r.body.done || 'done') : r.status + ' ' + (r.body.error || r.body.text || ''));
    a.className = r.ok ? 'ok' : 'bad';
  }

  function button(label, what, act) {
    const b = el('button', label);
    b.type = 'button';
    b.addEventListener('click', async () => answer(what, await act()));
    return b;
  }

  function renderUnit(u, wiring) {
    const box = el('div', null, 'unit');
    box.dataset.unit = u.unit;
    const h = el('h2', u.unit + ' (' + u.kind + ')');
    box.append(h);
    const alarms = el('p');
    (u.alarms || []).forEach((a) => alarms.append(el('span', a, 'alarm')));
    if (!(u.alarms || []).length) alarms.append(el('span', 'no alarms', 'ok'));
    box.append(alarms);
    const wired = (wiring || []).find((w) => w.unit === u.unit) || { doors: [] };
    if (u.flap) box.append(el('p', 'intake flap ' + u.flap + '; chute eye ' + wired.chute.eye + ', antennas ' + wired.chute.antennas.join(', ')));
    if (u.doors.length) {
      const t = el('table');
      const head = el('tr');
      ['door', 'lock', 'door contact', 'session', 'antennas', ''].forEach((c) => head.append(el('th', c)));
      t.append(head);
      u.doors.forEach((d) => {
        const w = wired.doors.find((x) => x.door === d.door) || { antennas: [] };
        const row = el('tr');
        row.dataset.door = d.door;
        row.append(el('td', d.door), el('td', d.locked ? 'locked' : 'UNLOCKED', d.locked ? '' : 'bad'),
          el('td', d.open ? 'open' : 'shut'), el('td', d.session), el('td', w.antennas.join(', ') || '-'));
        const acts = el('td');
        acts.append(button('Inventory', 'inventory of ' + u.unit + '/' + d.door,
          () => call('POST', '/units/' + encodeURIComponent(u.unit) + '/inventory?door=' + encodeURIComponent(d.door))));
        const pulse = el('button', 'Pulse door');
        pulse.type = 'button';
        pulse.addEventListener('click', async () => {
          if (!window.confirm('Open door ' + d.door + ' of ' + u.unit + ' now? Its lock is pulsed once, a service session starts.')) return;
          answer('pulse ' + u.unit + '/' + d.door, await call('POST', '/units/' + encodeURIComponent(u.unit) + '/doors/' + encodeURIComponent(d.door) + '/pulse'));
        });
        acts.append(pulse);
        row.append(acts);
        t.append(row);
      });
      box.append(t);
    }
    return box;
  }

  let shown = '';

  function render(s) {
    const st = s.status;
    // the page is only rebuilt when something changed (the clock aside): a button stays under the finger
    const now = JSON.stringify([Object.assign({}, st, { time: null }), s.events, s.wiring]);
    if (now === shown) return;
    shown = now;
    const up = st.uplink || {};
    $('box').textContent = 'version ' + st.version + ' · up since ' + st.since + ' · journal ' + st.last_seq + ' events, '
      + st.queue + ' not yet acknowledged · clock ' + (st.clock_synced ? 'synchronised' : 'NOT synchronised') + ' · uplink '
      + (up.connected ? 'connected since ' + up.since : (up.enabled === false ? 'disabled' : 'not connected' + (up.problem ? ': ' + up.problem : '')));
    $('units').replaceChildren(...st.units.map((u) => renderUnit(u, s.wiring)));
    const body = $('events').tBodies[0];
    body.replaceChildren(...s.events.slice().reverse().map((e) => {
      const tr = el('tr');
      const d = e.data || {};
      const what = [d.unit, d.door, d.kind, d.reason, d.outcome, d.item && d.item.id, d.active === undefined ? null : (d.active ? 'raised' : 'cleared')]
        .filter((x) => x != null).join(' ');
      tr.append(el('td', String(e.seq)), el('td', e.time), el('td', e.type.replace('bookbox.', '')), el('td', what));
      return tr;
    }));
  }

  $('selftest').addEventListener('click', async () => {
    $('answer').textContent = 'self-test running…';
    const r = await call('GET', '/selftest');
    answer('self-test', r);
    $('selftest-report').hidden = false;
    $('selftest-report').textContent = JSON.stringify(r.body, null, 2);
  });

  async function simulator() {
    const r = await call('GET', '/sim');
    if (!r.ok) return;
    $('sim').hidden = false;
    const units = r.body.units || [];
    units.forEach((u) => {
      const o = el('option', u.unit);
      o.value = u.unit;
      (u.kind === 'dropbox' ? $('sim-chute-unit') : $('sim-scan-unit')).append(o);
    });
    const doors = $('sim-doors');
    units.filter((u) => u.kind !== 'dropbox').forEach((u) => (u.locks || []).forEach((d) => {
      const p = el('p', u.unit + '/' + d.door + ': ');
      const path = '/sim/units/' + encodeURIComponent(u.unit) + '/doors/' + encodeURIComponent(d.door);
      p.append(button('open', 'open ' + d.door, () => call('POST', path + '/open')), button('close', 'close ' + d.door, () => call('POST', path + '/close')));
      doors.append(p);
    }));
    $('sim-scan').addEventListener('submit', async (e) => {
      e.preventDefault();
      answer('scan', await call('POST', '/sim/units/' + encodeURIComponent($('sim-scan-unit').value) + '/scan', $('sim-scan-text').value));
    });
    $('sim-chute').addEventListener('submit', async (e) => {
      e.preventDefault();
      answer('push', await call('POST', '/sim/units/' + encodeURIComponent($('sim-chute-unit').value) + '/chute',
        { items: [{ item: $('sim-chute-item').value, owner: $('sim-chute-owner').value || null }] }));
    });
  }

  const live = new EventSource('/console/live');
  live.onmessage = (e) => {
    $('link').hidden = true;
    render(JSON.parse(e.data));
  };
  live.onerror = () => { $('link').hidden = false; };
  simulator();
})();
