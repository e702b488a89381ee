// A subset of Shopify's search syntax for `query:` arguments: space-separated terms,
// `field:value`, `field:'quoted value'`, `-field:value` (negation), `field:prefix*`,
// `field:>value` / `<` / `>=` / `<=` comparisons, and bare words (free text). Terms are
// ANDed; the words AND is ignored and OR is not supported (reported as a clear error).

export interface SearchTerm {
  field: string | null;
  value: string;
  negate: boolean;
  op: "=" | ">" | "<" | ">=" | "<=";
}

export function parseSearch(query: string | null | undefined): SearchTerm[] {
  if (!query) return [];
  const terms: SearchTerm[] = [];
  const re = /(-)?(?:([a-zA-Z_][\w.]*):)?(?:'([^']*)'|"([^"]*)"|(\S+))/g;
  let match: RegExpExecArray | null;
  while ((match = re.exec(query))) {
    const negate = Boolean(match[1]);
    const field = match[2] ?? null;
    let value = match[3] ?? match[4] ?? match[5] ?? "";
    if (!field && value === "AND") continue;
    if (!field && value === "OR") throw new Error("The Shopify simulator does not support OR in search queries");
    let op: SearchTerm["op"] = "=";
    const cmp = /^(>=|<=|>|<)(.*)$/.exec(value);
    if (field && cmp) {
      op = cmp[1] as SearchTerm["op"];
      value = cmp[2];
    }
    terms.push({ field: field?.toLowerCase() ?? null, value, negate, op });
  }
  return terms;
}

function matchValue(candidate: string | number | null | undefined, term: SearchTerm): boolean {
  if (candidate === null || candidate === undefined) return false;
  const text = String(candidate).toLowerCase();
  const want = term.value.toLowerCase();
  if (term.op !== "=") {
    const a = typeof candidate === "number" ? candidate : Date.parse(String(candidate));
    const b = typeof candidate === "number" ? Number(term.value) : Date.parse(term.value);
    if (Number.isNaN(a) || Number.isNaN(b)) return false;
    return term.op === ">" ? a > b : term.op === "<" ? a < b : term.op === ">=" ? a >= b : a <= b;
  }
  if (want.endsWith("*")) return text.startsWith(want.slice(0, -1));
  return text === want;
}

/**
 * `fields` maps a search field name to the values of the record it can match (any of).
 * `freeText` gives the strings a bare word is matched against (substring).
 */
export function matchesSearch(
  terms: readonly SearchTerm[],
  fields: Record<string, () => readonly (string | number | null | undefined)[]>,
  freeText: () => readonly (string | null | undefined)[],
): boolean {
  for (const term of terms) {
    let hit: boolean;
    if (term.field === null) {
      const want = term.value.toLowerCase().replace(/\*$/, "");
      hit = freeText().some((s) => s != null && s.toLowerCase().includes(want));
    } else {
      const getter = fields[term.field];
      if (!getter) throw new Error(`The Shopify simulator does not support searching by '${term.field}'`);
      hit = getter().some((v) => matchValue(v, term));
    }
    if (hit === term.negate) return false;
  }
  return true;
}
