(function () {
	var el = document.querySelector("[data-referral-tracking]"),
		K = "_referral_code",
		P = "referral_code";
	if (!el) return;
	var ok = function (c) {
		return /^[A-Z0-9-]{4,40}$/.test(c);
	};
	var get = function (s) {
		try {
			return window[s].getItem(K) || "";
		} catch {
			return "";
		}
	};
	var put = function (s, v) {
		try {
			window[s].setItem(K, v);
		} catch {
			/* storage blocked */
		}
	};
	var u = new URL(location.href),
		code = (u.searchParams.get(P) || "").trim().toUpperCase(),
		saved = get("localStorage").split(" ");
	if (u.searchParams.has(P)) {
		u.searchParams.delete(P);
		history.replaceState(history.state, "", u.pathname + u.search + u.hash);
	}
	if (ok(code)) put("localStorage", code + " " + Date.now());
	else if (ok(saved[0]) && Date.now() - saved[1] < 2592e6 && get("sessionStorage") != saved[0]) code = saved[0];
	else return;
	fetch(el.getAttribute("data-root").replace(/\/?$/, "/") + "cart/update.js", {
		method: "POST",
		headers: { "Content-Type": "application/json", Accept: "application/json" },
		body: JSON.stringify({ attributes: { _referral_code: code } }),
	}).then(
		function (r) {
			if (r.ok) put("sessionStorage", code);
		},
		function () {},
	);
})();
