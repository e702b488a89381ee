/**
 * Identity comparison for fraud rules: the same person under a second address or a
 * slightly changed name. Pure, so the rules test without a database.
 */

/** Canonical mailbox: lower case, no +tag, and for Gmail no dots (they are ignored there). */
export function canonicalEmail(email: string | null | undefined): string | null {
  if (!email) return null;
  const at = email.trim().toLowerCase().lastIndexOf("@");
  if (at <= 0) return null;
  const lower = email.trim().toLowerCase();
  let local = lower.slice(0, at).split("+")[0];
  let domain = lower.slice(at + 1);
  if (domain === "googlemail.com") domain = "gmail.com";
  if (domain === "gmail.com") local = local.replace(/\./g, "");
  return `${local}@${domain}`;
}

export function canonicalName(first: string | null | undefined, last: string | null | undefined): string | null {
  const name = `${first ?? ""} ${last ?? ""}`
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N} ]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
  return name || null;
}

/** Levenshtein distance with an early exit above `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** Close enough to be worth a human look: one or two edits apart, or one contains the other. */
export function isSimilar(a: string | null, b: string | null, minLength = 4): boolean {
  if (!a || !b || a.length < minLength || b.length < minLength) return false;
  if (a === b) return true;
  if (a.includes(b) || b.includes(a)) return true;
  const budget = Math.max(a.length, b.length) >= 8 ? 2 : 1;
  return editDistance(a, b, budget) <= budget;
}

/** The mailbox part of an email, without digits appended to it ("anna.k1987" -> "annak"). */
export function mailboxStem(email: string | null): string | null {
  if (!email) return null;
  return email.split("@")[0].replace(/[^a-z]/g, "") || null;
}
