/*
 * Referral account block. Liquid has already rendered the frame and every text this file
 * shows (the JSON in [data-rfb-i18n]); this file fetches the customer's referral data through
 * the app proxy once per page and fills each [data-rfb] block with it. Loaded deferred.
 */
(() => {
  'use strict';

  let request = null; // shared: several blocks on one page cost one proxy call

  const load = (url) =>
    request ||
    (request = fetch(url, {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      signal: AbortSignal.timeout ? AbortSignal.timeout(15000) : undefined,
    })
      .then((res) => {
        // 401: the proxy saw no logged-in customer, whatever the page thought; its body may
        // still carry the program, so the offer can be shown.
        if (res.status === 401) return res.json().catch(() => ({})).then((d) => ({ ...d, loggedIn: false }));
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.json();
      })
      .then((d) => {
        if (!d || typeof d !== 'object' || (d.loggedIn && !d.program)) throw new Error('Bad payload');
        return d;
      })
      .catch((err) => {
        request = null; // let "Try again" make a fresh call
        throw err;
      }));

  // The t filter may HTML-escape its output; the strings are used as text, so decode once.
  const decoder = document.createElement('textarea');
  const decode = (s) => ((decoder.innerHTML = s), decoder.value);

  const init = (root) => {
    if (root.dataset.rfbReady) return;
    root.dataset.rfbReady = '1';

    const T = JSON.parse(root.querySelector('[data-rfb-i18n]').textContent);
    for (const k in T) T[k] = decode(T[k]);
    let loc = T.locale;
    try {
      Intl.getCanonicalLocales(loc);
    } catch {
      loc = undefined; // unknown tag: let the browser pick
    }

    const q = (s) => root.querySelector(s);
    const qa = (s) => root.querySelectorAll(s);
    const put = (el, s) => el && (el.textContent = s);
    const fill = (tpl, vars) => tpl.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? vars[k] : m));
    const el = (tag, cls, text) => {
      const n = document.createElement(tag);
      n.className = cls;
      if (text) n.textContent = text;
      return n;
    };

    // Money arrives as decimal strings and is only formatted, never computed with. Intl reads a
    // string exactly where supported; elsewhere it converts it to a number just for display.
    const money = (v, cur) => {
      try {
        return new Intl.NumberFormat(loc, { style: 'currency', currency: cur }).format(v);
      } catch {
        return v + ' ' + cur;
      }
    };
    const int = (n) => new Intl.NumberFormat(loc).format(n);
    const pct = (v) => new Intl.NumberFormat(loc, { style: 'unit', unit: 'percent', maximumFractionDigits: 2 }).format(v);
    const date = (s) => {
      const d = new Date(s);
      return isNaN(d) ? '' : d.toLocaleDateString(loc, { dateStyle: 'medium' });
    };
    const plural = (key, n, vars) =>
      fill(T[key + '_' + new Intl.PluralRules(loc).select(n)] || T[key + '_other'], { ...vars, count: int(n) });

    const status = q('[data-rfb-status]');
    const announce = (msg) => {
      status.textContent = '';
      // A fresh node change makes screen readers repeat an identical message.
      setTimeout(() => (status.textContent = msg), 100);
    };

    const setState = (s) => {
      root.dataset.state = s;
      root.setAttribute('aria-busy', s === 'loading');
      q('[data-rfb-error]').hidden = s !== 'error';
      q('[data-rfb-body]').hidden = s === 'error';
      if (s === 'loading') status.textContent = T.loading;
      if (s === 'ready') status.textContent = '';
    };

    const rules = (p) => {
      const f = p.friendOffer || {};
      const r = p.advocateReward || {};
      const m = (v) => money(v, p.currencyCode);
      let friend =
        f.type === 'percentage'
          ? fill(T.friend_percentage, { value: pct(f.value) })
          : f.type === 'fixed_amount'
            ? fill(T.friend_fixed, { amount: m(f.value) })
            : T.friend_none;
      if (p.minimumSubtotal) friend += ' ' + fill(T.minimum, { amount: m(p.minimumSubtotal) });
      let advocate =
        r.type === 'percentage'
          ? fill(T.advocate_percentage, { value: pct(r.value) })
          : fill(r.type === 'store_credit' ? T.advocate_credit : T.advocate_fixed, { amount: m(r.value) });
      if (p.rewardDelayDays > 0) advocate += ' ' + plural('delay', p.rewardDelayDays);
      put(q('[data-rfb-rule="friend"]'), friend);
      put(q('[data-rfb-rule="advocate"]'), advocate);
    };

    const reward = (r, cur) => {
      const li = el('li', 'rfb__reward');
      const badge = el('span', 'rfb__badge', T['status_' + r.status] || r.status);
      badge.dataset.status = r.status;
      li.append(el('code', 'rfb__code', r.code), el('span', 'rfb__amount', money(r.amount, cur)), badge);
      const when =
        r.status === 'pending' && r.availableAt
          ? fill(T.available_from, { date: date(r.availableAt) })
          : r.status === 'available' && r.expiresAt
            ? fill(T.expires, { date: date(r.expiresAt) })
            : '';
      if (when) li.append(el('span', 'rfb__small', when));
      if (r.status === 'available') {
        const b = el('button', 'rfb__btn', T.copy);
        b.type = 'button';
        b.value = r.code;
        b.dataset.rfbCopy = 'reward';
        b.setAttribute('aria-label', fill(T.copy_reward, { code: r.code }));
        li.append(b);
      }
      return li;
    };

    const advocate = (a, cur) => {
      put(q('[data-rfb-code]'), a.code);
      const link = q('[data-rfb-link]');
      if (link) link.value = a.link;
      for (const b of qa('[data-rfb-copy="code"],[data-rfb-copy="link"]')) {
        b.value = b.dataset.rfbCopy === 'code' ? a.code : a.link;
        b.disabled = false;
      }

      const msg = a.shareMessage || '';
      const e = encodeURIComponent;
      const urls = {
        email: `mailto:?subject=${e(T.email_subject)}&body=${e(msg + '\n' + a.link)}`,
        whatsapp: `https://wa.me/?text=${e(msg + ' ' + a.link)}`,
        telegram: `https://t.me/share/url?url=${e(a.link)}&text=${e(msg)}`,
        facebook: `https://www.facebook.com/sharer/sharer.php?u=${e(a.link)}`,
        x: `https://x.com/intent/tweet?text=${e(msg)}&url=${e(a.link)}`,
      };
      for (const n of qa('[data-rfb-share]')) n.href = urls[n.dataset.rfbShare];
      const native = q('[data-rfb-native]');
      if (native && navigator.share) {
        native.parentElement.hidden = false;
        native.onclick = () => navigator.share({ title: T.email_subject, text: msg, url: a.link }).catch(() => {});
      }

      const stats = a.stats || {};
      for (const n of qa('[data-rfb-stat]')) put(n, int(stats[n.dataset.rfbStat] || 0));
      const totals = a.totals || {};
      for (const n of qa('[data-rfb-total]')) put(n, money(totals[n.dataset.rfbTotal] || '0', cur));
      const list = q('[data-rfb-rewards]');
      if (list) {
        const rs = a.rewards || [];
        list.replaceChildren(...(rs.length ? rs.map((r) => reward(r, cur)) : [el('li', 'rfb__small', T.no_rewards)]));
      }

      const ms = q('[data-rfb-milestone]');
      const next = a.nextMilestone;
      if (ms) ms.hidden = !next;
      if (ms && next) {
        const done = Math.max(0, next.count - next.remaining);
        const bar = q('[data-rfb-bar]');
        bar.setAttribute('aria-valuemax', next.count);
        bar.setAttribute('aria-valuenow', done);
        bar.setAttribute('aria-valuetext', fill(T.progress, { done: int(done), count: int(next.count) }));
        bar.style.setProperty('--rfb-progress', Math.min(1, done / next.count) || 0);
        put(q('[data-rfb-milestone-text]'), plural('milestone', next.remaining, { reward: money(next.reward, cur) }));
      }
    };

    const render = (d) => {
      const p = d.program;
      if (p && p.enabled === false) {
        root.hidden = true; // program switched off: show customers nothing
        return;
      }
      const rulesBox = q('[data-rfb-rules]');
      if (rulesBox) rulesBox.hidden = !p;
      if (p) rules(p);

      q('[data-rfb-login]').hidden = !!d.loggedIn;
      const panel = q('[data-rfb-panel]');
      if (panel) {
        panel.hidden = !d.loggedIn;
        const a = d.advocate;
        const usable = !!a && !a.banned;
        const notice = q('[data-rfb-notice]');
        notice.hidden = usable;
        put(notice, a ? T.banned : T.not_ready);
        for (const n of qa('[data-rfb-advocate]')) n.hidden = !usable;
        if (d.loggedIn && usable) advocate(a, p.currencyCode);
      }
      setState('ready');
    };

    const copy = async (value, btn) => {
      try {
        await navigator.clipboard.writeText(value);
        return true;
      } catch {
        // No Clipboard API (insecure context, old browser, denied): use a selected textarea.
      }
      const ta = document.createElement('textarea');
      ta.value = value;
      ta.readOnly = true;
      ta.style.cssText = 'position:fixed;top:0;left:0;opacity:0';
      document.body.append(ta);
      ta.select();
      let ok = false;
      try {
        ok = document.execCommand('copy');
      } catch {
        ok = false;
      }
      ta.remove();
      btn.focus(); // the textarea took focus; give it back to the button the customer used
      return ok;
    };

    const run = () => {
      setState('loading');
      load(root.dataset.endpoint).then(render, () => setState('error'));
    };

    root.addEventListener('click', async (ev) => {
      const target = ev.target instanceof Element ? ev.target : null;
      if (target && target.closest('[data-rfb-retry]')) {
        q('h2').focus(); // the retry button is about to disappear; keep focus in the block
        run();
        return;
      }
      const btn = target && target.closest('[data-rfb-copy]');
      if (!btn || !btn.value) return;
      const ok = await copy(btn.value, btn);
      announce(ok ? T.copied : T.copy_failed);
      if (!ok && btn.dataset.rfbCopy === 'link') q('[data-rfb-link]').select();
      if (ok) {
        btn.dataset.copied = '';
        setTimeout(() => delete btn.dataset.copied, 2000);
      }
    });

    run();
  };

  const start = (scope) => scope.querySelectorAll('[data-rfb]').forEach(init);
  start(document);
  // The theme editor re-renders sections in place; pick up the fresh markup.
  document.addEventListener('shopify:section:load', (e) => start(e.target));
})();
