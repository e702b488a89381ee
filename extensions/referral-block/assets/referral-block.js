/* Referral account block: Liquid renders the frame and all texts ([data-rfb-i18n]); this fills
 * each [data-rfb] block from one app proxy call per page. Must stay under theme-check's 10 kB (hence tabs). */
(() => {
	"use strict";
	let request = null; // shared, so several blocks on a page cost one proxy call

	const load = (url) =>
		request ||
		(request = fetch(url, {
			headers: { Accept: "application/json" },
			credentials: "same-origin",
			signal: AbortSignal.timeout && AbortSignal.timeout(15000),
		})
			.then((res) => {
				// 401: the proxy saw no logged-in customer; its body may still carry the offer.
				if (res.status === 401)
					return res
						.json()
						.catch(() => ({}))
						.then((d) => ({ ...d, loggedIn: false }));
				if (!res.ok) throw new Error("HTTP " + res.status);
				return res.json();
			})
			.then((d) => {
				if (!d || typeof d !== "object" || (d.loggedIn && !d.program)) throw new Error("Bad payload");
				return d;
			})
			.catch((err) => {
				request = null; // the retry button makes a fresh call
				throw err;
			}));

	// The t filter may HTML-escape its output; these strings are used as text, so decode them.
	const decoder = document.createElement("textarea");
	const decode = (s) => ((decoder.innerHTML = s), decoder.value);
	const fill = (tpl, vars) => tpl.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? vars[k] : m));
	const el = (tag, cls, text) => {
		const n = document.createElement(tag);
		n.className = cls;
		n.textContent = text || "";
		return n;
	};

	const init = (root) => {
		if (root.dataset.rfbReady) return;
		root.dataset.rfbReady = "1";
		const T = JSON.parse(root.querySelector("[data-rfb-i18n]").textContent);
		for (const k in T) T[k] = decode(T[k]);
		const loc = T.locale;
		const q = (s) => root.querySelector(s);
		const qa = (s) => root.querySelectorAll(s);
		const put = (n, s) => n && (n.textContent = s);
		const status = q("[data-rfb-status]");

		// Money: decimal strings, formatted only, never computed. Intl reads strings exactly where
		// supported; elsewhere it converts to Number for display only.
		const money = (v, cur) => {
			try {
				return new Intl.NumberFormat(loc, { style: "currency", currency: cur }).format(v);
			} catch {
				return v + " " + cur; // unknown currency code
			}
		};
		const int = (n) => new Intl.NumberFormat(loc).format(n);
		const pct = (v) =>
			new Intl.NumberFormat(loc, { style: "unit", unit: "percent", maximumFractionDigits: 2 }).format(v);
		const date = (s) => {
			const d = new Date(s);
			return isNaN(d) ? "" : d.toLocaleDateString(loc, { dateStyle: "medium" });
		};
		const plural = (key, n, vars) =>
			fill(T[key + "_" + new Intl.PluralRules(loc).select(n)] || T[key + "_other"], { ...vars, count: int(n) });

		const setState = (s) => {
			root.dataset.state = s;
			root.setAttribute("aria-busy", s === "loading");
			q("[data-rfb-error]").hidden = s !== "error";
			q("[data-rfb-body]").hidden = s === "error";
			status.textContent = s === "loading" ? T.loading : "";
		};

		const rules = (p) => {
			const f = p.friendOffer || {};
			const r = p.advocateReward || {};
			const m = (v) => money(v, p.currencyCode);
			let friend =
				f.type === "percentage"
					? fill(T.friend_percentage, { value: pct(f.value) })
					: f.type === "fixed_amount"
						? fill(T.friend_fixed, { amount: m(f.value) })
						: T.friend_none;
			if (p.minimumSubtotal) friend += " " + fill(T.minimum, { amount: m(p.minimumSubtotal) });
			let adv =
				r.type === "percentage"
					? fill(T.advocate_percentage, { value: pct(r.value) })
					: fill(r.type === "store_credit" ? T.advocate_credit : T.advocate_fixed, { amount: m(r.value) });
			if (p.rewardDelayDays > 0) adv += " " + plural("delay", p.rewardDelayDays);
			put(q('[data-rfb-rule="friend"]'), friend);
			put(q('[data-rfb-rule="advocate"]'), adv);
		};

		const reward = (r, cur) => {
			const li = el("li", "rfb__reward");
			const badge = el("span", "rfb__badge", T["status_" + r.status] || r.status);
			badge.dataset.status = r.status;
			li.append(el("code", "rfb__code", r.code), el("span", "rfb__amount", money(r.amount, cur)), badge);
			let when = "";
			if (r.status === "pending" && r.availableAt) when = fill(T.available_from, { date: date(r.availableAt) });
			if (r.status === "available" && r.expiresAt) when = fill(T.expires, { date: date(r.expiresAt) });
			if (when) li.append(el("span", "rfb__small", when));
			if (r.status === "available") {
				const b = Object.assign(el("button", "rfb__btn", T.copy), { type: "button", value: r.code });
				b.dataset.rfbCopy = "reward";
				b.setAttribute("aria-label", fill(T.copy_reward, { code: r.code }));
				li.append(b);
			}
			return li;
		};

		const advocate = (a, cur) => {
			put(q("[data-rfb-code]"), a.code);
			const link = q("[data-rfb-link]");
			if (link) link.value = a.link;
			for (const b of qa("[data-rfb-copy]")) {
				b.value = a[b.dataset.rfbCopy]; // "code" or "link"
				b.disabled = false;
			}
			const msg = a.shareMessage || "";
			const e = encodeURIComponent;
			const urls = {
				email: `mailto:?subject=${e(T.email_subject)}&body=${e(msg + "\n" + a.link)}`,
				whatsapp: `https://wa.me/?text=${e(msg + " " + a.link)}`,
				telegram: `https://t.me/share/url?url=${e(a.link)}&text=${e(msg)}`,
				facebook: `https://www.facebook.com/sharer/sharer.php?u=${e(a.link)}`,
				x: `https://x.com/intent/tweet?text=${e(msg)}&url=${e(a.link)}`,
			};
			for (const n of qa("[data-rfb-share]")) n.href = urls[n.dataset.rfbShare];
			const native = q("[data-rfb-native]");
			if (native && navigator.share) {
				native.parentElement.hidden = false;
				native.onclick = () => navigator.share({ title: T.email_subject, text: msg, url: a.link }).catch(() => {});
			}

			for (const n of qa("[data-rfb-stat]")) put(n, int((a.stats || {})[n.dataset.rfbStat] || 0));
			for (const n of qa("[data-rfb-total]")) put(n, money((a.totals || {})[n.dataset.rfbTotal] || "0", cur));
			const list = q("[data-rfb-rewards]");
			const rs = a.rewards || [];
			if (list)
				list.replaceChildren(...(rs.length ? rs.map((r) => reward(r, cur)) : [el("li", "rfb__small", T.no_rewards)]));

			const t = a.tier;
			const tier = q("[data-rfb-tier]");
			const per = (r) => (r.type === "percentage" ? pct(r.value) : money(r.value, cur));
			if (tier && !(tier.hidden = !t)) {
				const n = t.next;
				const up = n ? plural("tier_next", n.remaining, { level: n.level, reward: per(n.reward) }) : T.tier_top;
				put(tier, fill(T.tier_now, { level: t.level, levels: t.levels, reward: per(t.reward) }) + " " + up);
			}

			const ms = q("[data-rfb-milestone]");
			const next = a.nextMilestone;
			if (ms) ms.hidden = !next;
			if (ms && next) {
				const done = Math.max(0, next.count - next.remaining);
				const bar = q("[data-rfb-bar]");
				const aria = {
					max: next.count,
					now: done,
					text: fill(T.progress, { done: int(done), count: int(next.count) }),
				};
				for (const k in aria) bar.setAttribute("aria-value" + k, aria[k]);
				bar.style.setProperty("--rfb-progress", Math.min(1, done / next.count) || 0);
				put(q("[data-rfb-milestone-text]"), plural("milestone", next.remaining, { reward: money(next.reward, cur) }));
			}
		};

		const render = (d) => {
			const p = d.program;
			if (p && p.enabled === false) return void (root.hidden = true); // program off: show nothing
			const box = q("[data-rfb-rules]");
			if (box) box.hidden = !p;
			if (p) rules(p);
			q("[data-rfb-login]").hidden = !!d.loggedIn;
			const panel = q("[data-rfb-panel]");
			if (panel) {
				const a = d.advocate;
				const usable = !!a && !a.banned;
				panel.hidden = !d.loggedIn;
				put(q("[data-rfb-notice]"), a ? T.banned : T.not_ready);
				q("[data-rfb-notice]").hidden = usable;
				for (const n of qa("[data-rfb-advocate]")) n.hidden = !usable;
				if (d.loggedIn && usable) advocate(a, p.currencyCode);
			}
			setState("ready");
		};

		const copy = async (value, btn) => {
			try {
				await navigator.clipboard.writeText(value);
				return true;
			} catch {
				// No Clipboard API (old browser, http, denied): copy a selection instead
			}
			const ta = el("textarea", "", value);
			ta.style.cssText = "position:fixed;top:0;opacity:0";
			document.body.append(ta);
			ta.select();
			const ok = document.execCommand("copy");
			ta.remove();
			btn.focus(); // the textarea took focus; return it to the button
			return ok;
		};

		const run = () => {
			setState("loading");
			load(root.dataset.endpoint).then(render, () => setState("error"));
		};

		root.addEventListener("click", async (ev) => {
			if (ev.target.closest("[data-rfb-retry]")) {
				q("h2").focus(); // the button is about to hide; keep focus inside the block
				return run();
			}
			const btn = ev.target.closest("[data-rfb-copy]");
			if (!btn || !btn.value) return;
			const ok = await copy(btn.value, btn);
			// Clear first so an identical message is announced again.
			status.textContent = "";
			setTimeout(() => (status.textContent = ok ? T.copied : T.copy_failed), 100);
			if (!ok && btn.dataset.rfbCopy === "link") q("[data-rfb-link]").select();
			if (ok) {
				btn.dataset.copied = "";
				setTimeout(() => delete btn.dataset.copied, 2000);
			}
		});

		run();
	};

	const start = (scope) => scope.querySelectorAll("[data-rfb]").forEach(init);
	start(document);
	// The theme editor re-renders sections in place: pick up the new markup.
	document.addEventListener("shopify:section:load", (e) => start(e.target));
})();
