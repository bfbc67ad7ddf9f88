/*! Attune widget | Apache-2.0 | <script src="https://attune.example/widget.js" data-site="pk_..." async></script> */
(function (win, doc) {
  'use strict';
  var prior = win.attune;
  if (prior && prior.loaded) return;
  var script = doc.currentScript || doc.querySelector('script[data-site]');
  if (!script) return;
  var data = script.dataset || {};
  var KEY = data.site;
  var BASE = new URL(script.src, location.href).origin;
  var TRACK = (data.track || '').split(/[\s,]+/);
  var PURPOSES = ['analytics', 'personalization', 'experiments', 'marketing'];
  var LANG = ((doc.documentElement.lang || navigator.language || 'en') + '').slice(0, 2).toLowerCase();
  var T = {
    en: {next: 'Next', send: 'Send', close: 'Close', thanks: 'Thank you!', low: 'Not likely', high: 'Very likely',
      yes: 'Yes', no: 'No', answer: 'Your answer', star: 'stars', survey: 'Survey',
      ask: 'We use your feedback and activity on this site to improve it and to suggest things you may like.',
      accept: 'Accept', necessary: 'Only necessary', gpc: 'Your browser asks not to be tracked for personalization.',
      csat: ['Very unsatisfied', 'Unsatisfied', 'Neutral', 'Satisfied', 'Very satisfied'], recs: 'Recommended for you'},
    de: {next: 'Weiter', send: 'Senden', close: 'Schließen', thanks: 'Vielen Dank!', low: 'Unwahrscheinlich',
      high: 'Sehr wahrscheinlich', yes: 'Ja', no: 'Nein', answer: 'Ihre Antwort', star: 'Sterne', survey: 'Umfrage',
      ask: 'Wir nutzen Ihr Feedback und Ihre Aktivität auf dieser Website, um sie zu verbessern und Ihnen Passendes vorzuschlagen.',
      accept: 'Akzeptieren', necessary: 'Nur notwendige', gpc: 'Ihr Browser wünscht keine Personalisierung.',
      csat: ['Sehr unzufrieden', 'Unzufrieden', 'Neutral', 'Zufrieden', 'Sehr zufrieden'], recs: 'Empfehlungen für Sie'}
  }[LANG === 'de' ? 'de' : 'en'];

  function safe(fn) {
    return function () {
      try { return fn.apply(this, arguments); } catch (e) { if (win.console) console.warn('[attune]', e); }
    };
  }
  function store(k, v) {
    try {
      if (v === undefined) return JSON.parse(localStorage.getItem('attune.' + k));
      localStorage.setItem('attune.' + k, JSON.stringify(v));
    } catch (e) { return null; }
  }
  function uuid() {
    if (win.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }
  function el(tag, attrs, kids) {
    var e = doc.createElement(tag);
    for (var k in attrs || {}) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), safe(attrs[k]));
      else if (attrs[k] != null) e.setAttribute(k, attrs[k]);
    }
    (kids || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }

  // Who: an anonymous id kept on this device, a session per tab, the site's user id once identified.
  var subject = store('subject');
  if (!subject) { subject = uuid(); store('subject', subject); }
  var session;
  try { session = sessionStorage.getItem('attune.session') || uuid(); sessionStorage.setItem('attune.session', session); } catch (e) { session = uuid(); }
  var userId = store('user'), userHash = store('userHash'); // userHash: the site server's HMAC of the user id
  var gpc = navigator.globalPrivacyControl === true || navigator.doNotTrack === '1';
  var consent = store('consent'); // {analytics: true, ...} once chosen
  if (!consent && data.consent === 'implied') { // the site's policy: implied consent until the visitor chooses
    consent = {analytics: true, personalization: !gpc, experiments: true, marketing: false};
  }
  var listeners = {}, variants = {}, payloads = {}, told = false;
  function emit(name, value) { (listeners[name] || []).forEach(function (fn) { safe(fn)(value); }); }
  function device() {
    var w = Math.min(screen.width, innerWidth || screen.width);
    return w < 600 ? 'mobile' : w < 1024 && matchMedia('(pointer: coarse)').matches ? 'tablet' : 'desktop';
  }
  function context() {
    var c = {url: location.href, locale: navigator.language, sessionId: session, device: device(),
      screen: {width: screen.width, height: screen.height}};
    try { c.timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { /* older browsers */ }
    if (/^https?:/.test(doc.referrer)) c.referrer = doc.referrer;
    if (userId) c.userId = userId;
    return c;
  }

  // The outbox: every event is written to localStorage with its id before it is sent, and removed when the server
  // acknowledges it, so feedback given offline or during a reload is delivered later, once (the server drops ids it
  // has already stored). Events that queue up together travel in one message.
  var outbox = store('outbox') || [];
  var inflight = {};
  var flushTimer;
  function enqueue(event) {
    if (consent && !consent.analytics) return; // declined: nothing beyond necessary leaves the page
    event.id = uuid();
    event.subjectId = subject;
    event.occurredAt = new Date().toISOString();
    event.context = context();
    outbox.push(event);
    if (outbox.length > 500) outbox.splice(0, outbox.length - 500);
    store('outbox', outbox);
    schedule(0);
  }
  function schedule(ms) {
    clearTimeout(flushTimer);
    flushTimer = setTimeout(safe(flush), ms);
  }
  function flush() {
    if (!consent || !consent.analytics || !navigator.onLine) return;
    if (!wsReady && !httpMode) { connect(); return; } // flushed again when the socket is ready
    var now = Date.now();
    var batch = outbox.filter(function (e) { return !(inflight[e.id] > now); }).slice(0, 100);
    if (!batch.length) return;
    batch.forEach(function (e) { inflight[e.id] = now + 15000; });
    send({type: 'events', ref: uuid(), events: batch});
    schedule(15000); // anything still unacknowledged then goes again, same ids
  }
  function acked(results) {
    var done = {};
    (results || []).forEach(function (r) { if (r.id) { done[r.id] = 1; delete inflight[r.id]; } });
    outbox = outbox.filter(function (e) { return !done[e.id]; });
    store('outbox', outbox);
    if (outbox.length) schedule(0);
  }

  // Transport: one WebSocket with reconnect and backoff; batched HTTP when sockets do not get through.
  var ws, wsReady = false, failures = 0, httpMode = false, helloed = false;
  function connect() {
    if (!KEY || (ws && ws.readyState < 2)) return;
    var opened = false;
    try {
      ws = new WebSocket(BASE.replace(/^http/, 'ws') + '/ws/v1/collect?key=' + encodeURIComponent(KEY));
    } catch (e) { return fallback(); }
    ws.onopen = function () { opened = true; };
    ws.onmessage = safe(function (m) { receive(JSON.parse(m.data)); });
    ws.onclose = safe(function () {
      wsReady = false; helloed = false; inflight = {};
      failures = opened ? 0 : failures + 1;
      if (failures >= 3) fallback();
      var wait = Math.min(30000, 500 * Math.pow(2, failures)) * (0.5 + Math.random() / 2);
      setTimeout(safe(connect), httpMode ? 60000 : wait);
    });
  }
  function fallback() {
    httpMode = true;
    schedule(0);
  }
  function send(message) {
    if (wsReady) { ws.send(JSON.stringify(message)); return; }
    if (!httpMode) { connect(); return; } // sent once the socket is ready
    if (message.type !== 'events' && message.type !== 'consent') return;
    fetch(BASE + '/api/v1/collect?key=' + encodeURIComponent(KEY), {method: 'POST', body: JSON.stringify(message),
      headers: {'Content-Type': 'text/plain'}, keepalive: true, credentials: 'omit'})
      .then(function (r) { return r.ok ? r.json() : null; }).then(safe(function (a) { if (a) receive(a); }))
      .catch(function () { /* stays in the outbox */ });
  }
  function identifyMessage(traits) {
    var m = {type: 'identify', subjectId: subject, userId: userId, traits: traits};
    if (userHash) m.userHash = userHash;
    return m;
  }
  function hello(type) {
    var m = {type: type, subjectId: subject, url: location.href, device: device(), slots: slots()};
    if (wsReady) ws.send(JSON.stringify(m));
  }
  function receive(m) {
    switch (m.type) {
      case 'ready':
        wsReady = true; failures = 0; httpMode = false;
        hello('hello'); helloed = true;
        if (consent && store('consent')) send({type: 'consent', subjectId: subject, purposes: consent, policyVersion: data.policy});
        if (userId && consent && consent.analytics) send(identifyMessage({}));
        schedule(0);
        break;
      case 'ack': acked(m.results); break;
      case 'nack': (m.ids || []).forEach(function (id) { delete inflight[id]; }); schedule(m.retryAfterMs || 1000); break;
      case 'surveys': arm(m.surveys || []); told = true; emit('surveys', m.surveys || []); break;
      case 'survey': showSurvey(m.survey); emit('survey', m.survey); break;
      case 'survey_skipped': showing = null; break;
      case 'message': showMessage(m); emit('message', m); break;
      case 'recommendations': fill(m); emit('recommendations', m); break;
      case 'consent': emit('consent', m.state); break;
      case 'assignments': applyVariants(m); break;
      case 'error': if (win.console) console.warn('[attune]', m.errors); break;
      default: emit(m.type, m);
    }
  }

  // Consent: the host's consent tool calls attune.consent, or the built-in prompt asks (data-consent-prompt="on").
  function setConsent(choices) {
    var c = {};
    PURPOSES.forEach(function (p) { c[p] = !!(choices && choices[p]); });
    if (gpc) { c.personalization = false; c.marketing = false; }
    consent = c;
    store('consent', c);
    if (!c.analytics) { outbox = []; store('outbox', outbox); }
    send({type: 'consent', subjectId: subject, purposes: c, policyVersion: data.policy});
    if (c.analytics) schedule(0);
    emit('consent', c);
  }

  // Shadow DOM: the page's CSS cannot reach in, ours cannot leak out. Themeable from the page through
  // --attune-accent, --attune-bg, --attune-fg, --attune-radius, --attune-font.
  var CSS = '.box{position:fixed;right:16px;bottom:16px;z-index:2147483000;box-sizing:border-box;width:min(380px,calc(100vw - 32px));' +
    'background:var(--attune-bg,#fff);color:var(--attune-fg,#1f2430);font:15px/1.4 var(--attune-font,system-ui,sans-serif);' +
    'border-radius:var(--attune-radius,12px);box-shadow:0 8px 30px rgba(0,0,0,.18);padding:18px 18px 14px;border:1px solid rgba(0,0,0,.08)}' +
    '.box *{box-sizing:border-box;font:inherit;color:inherit}' +
    'h2{font-size:16px;font-weight:600;margin:0 28px 12px 0}p{margin:0 0 12px}' +
    '.x{position:absolute;top:8px;right:8px;border:0;background:none;font-size:22px;line-height:1;cursor:pointer;padding:4px 8px;border-radius:6px}' +
    '.row{display:flex;flex-wrap:wrap;gap:6px}.scale{display:grid;grid-template-columns:repeat(11,1fr);gap:4px}' +
    'button{cursor:pointer}.opt{border:1px solid rgba(0,0,0,.2);background:transparent;border-radius:8px;padding:8px 0;min-width:0;flex:1}' +
    '.opt[aria-checked=true]{background:var(--attune-accent,#3b5bdb);color:#fff;border-color:transparent}' +
    '.ends{display:flex;justify-content:space-between;font-size:12px;opacity:.7;margin-top:4px}' +
    'label.c{display:flex;gap:8px;align-items:center;padding:4px 0;cursor:pointer}' +
    'textarea{width:100%;min-height:72px;border:1px solid rgba(0,0,0,.25);border-radius:8px;padding:8px;resize:vertical;background:transparent}' +
    '.go{display:flex;justify-content:flex-end;gap:8px;margin-top:14px}' +
    '.btn{border:0;border-radius:8px;padding:8px 16px;background:var(--attune-accent,#3b5bdb);color:#fff;font-weight:600}' +
    '.go a.btn{text-decoration:none;display:inline-block}.btn.s{background:transparent;color:inherit;border:1px solid rgba(0,0,0,.2)}.btn:disabled{opacity:.45;cursor:default}' +
    ':focus-visible{outline:3px solid var(--attune-accent,#3b5bdb);outline-offset:2px}' +
    '.recs{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:12px;font:14px/1.35 var(--attune-font,system-ui,sans-serif)}' +
    '.recs a{display:block;padding:12px;border-radius:var(--attune-radius,12px);background:var(--attune-bg,#fff);color:var(--attune-fg,#1f2430);' +
    'text-decoration:none;border:1px solid rgba(0,0,0,.1)}.recs small{display:block;opacity:.65;margin-top:6px}' +
    '.recs h3{grid-column:1/-1;margin:0;font-size:16px}' +
    '@media (max-width:480px){.box{right:8px;left:8px;bottom:8px;width:auto}.scale{grid-template-columns:repeat(6,1fr)}}';
  var host, root;
  function panel(label) {
    if (!host) {
      host = el('div', {'data-attune-widget': ''});
      root = host.attachShadow({mode: 'open'});
      doc.body.appendChild(host);
    }
    root.innerHTML = '';
    root.appendChild(el('style', {text: ':host{all:initial!important}' + CSS})); // important: inner rules win over the page's
    var box = el('div', {'class': 'box', role: 'dialog', 'aria-label': label, 'aria-live': 'polite'});
    box.addEventListener('keydown', function (e) { if (e.key === 'Escape') close(); });
    root.appendChild(box);
    return box;
  }
  function close() {
    if (root) root.innerHTML = '';
    showing = null;
    if (lastFocus && lastFocus.focus) lastFocus.focus();
  }
  var lastFocus;

  function prompt() {
    asking = true;
    var box = panel(T.accept);
    box.appendChild(el('p', {text: T.ask}));
    if (gpc) box.appendChild(el('p', {text: T.gpc}));
    box.appendChild(el('div', {'class': 'go'}, [
      el('button', {'class': 'btn s', text: T.necessary, onclick: function () { chosen({}); }}),
      el('button', {'class': 'btn', text: T.accept, onclick: function () {
        chosen({analytics: true, personalization: true, experiments: true, marketing: false});
      }})]));
    box.querySelector('.btn').focus();
  }

  function chosen(c) {
    setConsent(c);
    asking = false;
    close();
    if (later) { arm(later); later = null; }
  }

  // Surveys: the server says which may be shown here and what triggers each; when one fires the server is asked
  // (it checks the caps again and records the showing) and answers with the questions.
  var armed = [], showing = null, pageStart = Date.now(), maxScroll = 0, asking = false, later = null;
  function views() {
    try { return +sessionStorage.getItem('attune.views') || 0; } catch (e) { return 0; }
  }
  function arm(list) {
    armed.forEach(function (a) { clearTimeout(a.timer); });
    if (asking) { later = list; armed = []; return; } // after the consent prompt
    if (consent && !consent.analytics) list = []; // answers could not be sent
    armed = list.map(function (s) { return {id: s.id, t: s.trigger || {}}; });
    armed.forEach(function (s) {
      if (s.t.type === 'time_on_page') {
        s.timer = setTimeout(safe(function () { fire(s, 'time_on_page'); }), Math.max(0, s.t.seconds * 1000 - (Date.now() - pageStart)));
      }
    });
    check('page_views');
    check('scroll_depth');
  }
  function check(type, detail) {
    armed.forEach(safe(function (s) {
      var t = s.t;
      if (t.type !== type) return;
      if ((type === 'page_views' && views() >= t.count) || (type === 'scroll_depth' && maxScroll >= t.percent) ||
          type === 'exit_intent' || (type === 'event' && detail === t.name) ||
          (type === 'click' && detail && detail.closest && detail.closest(t.selector))) fire(s);
    }));
  }
  function fire(s) {
    if (showing || armed.indexOf(s) < 0) return;
    showing = s.id;
    armed = armed.filter(function (a) { clearTimeout(a.timer); return a !== s; });
    send({type: 'survey_due', survey: s.id});
  }
  // A rule's message: a small dismissible panel (never over a survey or the consent prompt); its link counts as a click.
  function showMessage(m) {
    if (showing || asking) return;
    lastFocus = doc.activeElement;
    showing = 'message:' + m.rule;
    var box = panel(m.title || T.survey);
    box.setAttribute('data-attune-message', m.rule);
    box.appendChild(el('button', {'class': 'x', 'aria-label': T.close, text: '×', onclick: close}));
    if (m.title) box.appendChild(el('h2', {text: m.title}));
    box.appendChild(el('p', {text: m.text}));
    if (m.link) box.appendChild(el('div', {'class': 'go'}, [el('a', {'class': 'btn', href: m.link.url, text: m.link.label,
      onclick: function () { enqueue({type: 'click', properties: {rule: m.rule, url: m.link.url}}); }})]));
  }
  function showSurvey(survey) {
    lastFocus = doc.activeElement;
    var qs = survey.questions, i = 0;
    var box = panel(T.survey);
    function answer(q, v) {
      var p = {surveyId: survey.id, questionId: q.id, surveyVersion: survey.version};
      var e = {type: q.type, properties: p};
      if (q.type === 'rating' || q.type === 'thumbs') e.itemId = q.itemId || 'survey:' + survey.id + ':' + q.id;
      if (q.type === 'text') e.text = v;
      else if (/choice/.test(q.type)) { e.type = 'survey_answer'; p.choices = [].concat(v); }
      else e.value = v;
      enqueue(e);
    }
    function next(q, v) {
      var to = q.next, b = q.branches || [];
      for (var k = 0; k < b.length; k++) {
        var c = b[k];
        if (c.choice != null ? [].concat(v).indexOf(c.choice) >= 0
            : typeof v === 'number' && (c.min == null || v >= c.min) && (c.max == null || v <= c.max)) { to = c['goto']; break; }
      }
      if (to === 'end') return qs.length;
      for (var j = 0; to && j < qs.length; j++) if (qs[j].id === to) return j;
      return i + 1;
    }
    function render() {
      box.innerHTML = '';
      box.appendChild(el('button', {'class': 'x', 'aria-label': T.close, text: '×', onclick: close}));
      if (i >= qs.length) {
        box.appendChild(el('h2', {text: survey.thankYou || T.thanks, tabindex: '-1'}));
        box.querySelector('h2').focus();
        setTimeout(safe(function () { if (showing === survey.id) close(); }), 2500);
        return;
      }
      var q = qs[i], value = null, id = 'attune-q-' + i;
      box.appendChild(el('h2', {id: id, text: q.text}));
      var go = el('button', {'class': 'btn', text: i === qs.length - 1 ? T.send : T.next, disabled: q.required === false ? null : '',
        onclick: function () {
          if (q.type === 'text') value = area.value.trim();
          if (value !== null && value !== '' && !(Array.isArray(value) && !value.length)) answer(q, value);
          i = next(q, value); render();
        }});
      function pick(v) { value = v; go.disabled = false; }
      var area;
      if (q.type === 'text') {
        area = el('textarea', {'aria-labelledby': id, placeholder: q.placeholder || T.answer, maxlength: '5000',
          oninput: function () { go.disabled = q.required !== false && !area.value.trim(); }});
        box.appendChild(area);
      } else if (/choice/.test(q.type)) {
        var multi = q.type === 'multiple_choice', chosen = [];
        var group = el('div', {role: multi ? 'group' : 'radiogroup', 'aria-labelledby': id});
        q.options.forEach(function (o) {
          var input = el('input', {type: multi ? 'checkbox' : 'radio', name: id, value: o, onchange: function () {
            if (multi) {
              chosen = [].slice.call(group.querySelectorAll('input:checked')).map(function (x) { return x.value; });
              value = chosen.length ? chosen : null; go.disabled = !chosen.length && q.required !== false;
            } else pick(o);
          }});
          group.appendChild(el('label', {'class': 'c'}, [input, doc.createTextNode(o)]));
        });
        box.appendChild(group);
      } else {
        var scale = q.type === 'nps' ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : q.type === 'thumbs' ? [1, -1] : [1, 2, 3, 4, 5];
        var names = q.type === 'csat' ? T.csat : q.type === 'thumbs' ? ['\uD83D\uDC4D ' + T.yes, '\uD83D\uDC4E ' + T.no] : null;
        var radios = el('div', {role: 'radiogroup', 'aria-labelledby': id, 'class': q.type === 'nps' ? 'scale' : 'row'});
        scale.forEach(function (v, n) {
          var label = names ? names[n] : q.type === 'rating' ? '\u2605'.repeat(v) : '' + v;
          var r = el('button', {'class': 'opt', role: 'radio', 'aria-checked': 'false', tabindex: n ? '-1' : '0', 'data-value': v,
            'aria-label': q.type === 'rating' ? v + ' ' + T.star : names ? names[n] : '' + v, text: q.type === 'csat' ? '' + v : label,
            title: names ? names[n] : null,
            onclick: function () { select(r); }});
          radios.appendChild(r);
        });
        var all = [].slice.call(radios.children);
        function select(r) {
          all.forEach(function (x) { x.setAttribute('aria-checked', x === r); x.tabIndex = x === r ? 0 : -1; });
          r.focus();
          pick(+r.getAttribute('data-value'));
        }
        radios.addEventListener('keydown', function (e) {
          var at = all.indexOf(e.target), step = {ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1}[e.key];
          if (step && at >= 0) { e.preventDefault(); select(all[(at + step + all.length) % all.length]); }
        });
        box.appendChild(radios);
        if (q.type === 'nps' || q.type === 'csat') {
          box.appendChild(el('div', {'class': 'ends', 'aria-hidden': 'true'}, [el('span', {text: q.type === 'nps' ? T.low : T.csat[0]}),
            el('span', {text: q.type === 'nps' ? T.high : T.csat[4]})]));
        }
      }
      box.appendChild(el('div', {'class': 'go'}, [go]));
      var first = box.querySelector('[tabindex="0"],input,textarea');
      if (first) first.focus();
    }
    render();
  }

  // Recommendation slots: <div data-attune-slot="home"> is filled with what the server pushes, again on each push.
  function slots() {
    return [].map.call(doc.querySelectorAll('[data-attune-slot]'), function (s) { return s.getAttribute('data-attune-slot'); })
      .filter(function (s, n, a) { return /^[\w-]{1,60}$/.test(s) && a.indexOf(s) === n; }).slice(0, 10);
  }
  // Experiments: each element marked data-attune-experiment="<key>" learns its variant; a variant's text replaces its content.
  function applyVariants(m) {
    variants = m.experiments || {}; payloads = m.payloads || {};
    [].forEach.call(doc.querySelectorAll('[data-attune-experiment]'), function (node) {
      var key = node.getAttribute('data-attune-experiment'), p = payloads[key];
      if (variants[key]) node.setAttribute('data-attune-variant', variants[key]);
      if (p && typeof p.text === 'string') node.textContent = p.text;
    });
    emit('assignments', variants);
  }

  function fill(m) {
    [].forEach.call(doc.querySelectorAll('[data-attune-slot="' + m.slot + '"]'), function (slot) {
      if (slot.hasAttribute('data-attune-render')) return; // the page renders it from attune.on('recommendations')
      var r = slot.shadowRoot || slot.attachShadow({mode: 'open'});
      r.innerHTML = '';
      r.appendChild(el('style', {text: CSS}));
      var list = el('div', {'class': 'recs', role: 'list'}, [el('h3', {text: m.title || T.recs})]);
      (m.items || []).forEach(function (it) {
        list.appendChild(el('a', {role: 'listitem', href: it.url || '#', 'data-attune-item': it.id, onclick: function () {
          var p = {slot: m.slot};
          if (m.strategy) p.strategy = m.strategy;
          if (m.listId) p.list = m.listId;
          enqueue({type: 'click', itemId: it.id, properties: p});
        }}, [doc.createTextNode(it.title || it.id), it.reason ? el('small', {text: it.reason}) : null]));
      });
      r.appendChild(list);
      slot.setAttribute('data-attune-filled', m.items ? m.items.length : 0);
    });
  }

  // Implicit signals the site switches on: data-track="pageviews clicks dwell scroll".
  function on(what) { return TRACK.indexOf(what) >= 0; }
  function leave() {
    var secs = Math.round((Date.now() - pageStart) / 1000);
    if (on('dwell') && secs > 0) enqueue({type: 'dwell', value: Math.min(secs, 86400)});
    if (on('scroll') && maxScroll > 0) enqueue({type: 'scroll_depth', value: maxScroll});
  }
  function pageView(first) {
    if (!first) { leave(); pageStart = Date.now(); maxScroll = 0; }
    try { sessionStorage.setItem('attune.views', views() + 1); } catch (e) { /* private mode */ }
    if (on('pageviews')) enqueue({type: 'page_view'});
    if (!first && helloed) hello('page');
    check('page_views');
  }
  ['pushState', 'replaceState'].forEach(function (f) {
    var orig = history[f];
    history[f] = function () {
      var before = location.href, r = orig.apply(this, arguments);
      if (location.href !== before && f === 'pushState') safe(pageView)(false);
      return r;
    };
  });
  win.addEventListener('popstate', safe(function () { pageView(false); }));
  win.addEventListener('scroll', safe(function () {
    var h = doc.documentElement, max = h.scrollHeight - innerHeight;
    var pct = max <= 0 ? 100 : Math.min(100, Math.round(scrollY / max * 100));
    if (pct > maxScroll) { maxScroll = pct; check('scroll_depth'); }
  }), {passive: true});
  doc.addEventListener('click', safe(function (e) {
    var t = e.target;
    if (!t || !t.closest) return;
    check('click', t);
    var item = on('clicks') && t.closest('[data-attune-item]');
    if (item) {
      var p = {};
      ['title', 'category', 'price'].forEach(function (k) { var v = item.getAttribute('data-attune-' + k); if (v) p[k] = v; });
      enqueue({type: 'click', itemId: item.getAttribute('data-attune-item'), properties: p});
    }
  }), true);
  doc.addEventListener('mouseout', safe(function (e) { if (!e.relatedTarget && e.clientY <= 0) check('exit_intent'); }));
  doc.addEventListener('visibilitychange', safe(function () {
    if (doc.visibilityState === 'hidden') { leave(); pageStart = Date.now(); maxScroll = 0; flush(); }
  }));
  win.addEventListener('online', safe(function () { schedule(0); connect(); }));

  // The API; calls made before the script loaded (window.attune = [['consent', {...}], ...]) are replayed.
  var api = {
    loaded: true,
    subject: function () { return subject; },
    consent: safe(function (choices) { if (choices === undefined) return consent; setConsent(choices); }),
    // userHash: hex HMAC-SHA256 of the user id under the site's verification secret, computed by the site's server
    identify: safe(function (id, traits, hash) {
      userId = '' + id; store('user', userId);
      userHash = hash ? '' + hash : null; store('userHash', userHash);
      var t = {};
      for (var k in traits || {}) t[k] = '' + traits[k];
      if (consent && consent.analytics) send(identifyMessage(t));
    }),
    track: safe(function (type, props) {
      props = props || {};
      var e = {type: type, properties: {}};
      for (var k in props) {
        if (k === 'itemId' || k === 'value' || k === 'text') e[k] = props[k]; else e.properties[k] = props[k];
      }
      if (type !== 'custom' && !Object.keys(e.properties).length) delete e.properties;
      enqueue(e);
      check('event', type === 'custom' ? props.name : type);
    }),
    feedback: safe(function (f) {
      var e = {type: f.type, itemId: f.itemId, value: f.value, text: f.text, properties: f.properties};
      for (var k in e) if (e[k] == null) delete e[k];
      enqueue(e);
    }),
    on: function (name, fn) { (listeners[name] = listeners[name] || []).push(fn); },
    variant: function (key) { return variants[key] || null; },
    payload: function (key) { return payloads[key] || null; },
    showConsent: safe(prompt),
    flush: safe(flush),
    pending: function () { return outbox.length; },
    // connected and told which surveys are due on this page: their triggers now fire
    ready: function () { return told; }
  };
  win.attune = api;
  safe(function () {
    if (Array.isArray(prior)) prior.forEach(function (c) { api[c[0]] && api[c[0]].apply(api, c.slice(1)); });
    if (!store('consent') && data.consentPrompt === 'on') prompt();
    pageView(true);
    connect();
  })();
})(window, document);
