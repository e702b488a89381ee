import crypto from "node:crypto";

// No 0/O, 1/I/L: a code read aloud or copied by hand should still work.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

function randomChars(count: number): string {
  let out = "";
  // randomInt is uniform over the alphabet, unlike a byte taken modulo its length
  for (let i = 0; i < count; i++) out += ALPHABET[crypto.randomInt(ALPHABET.length)];
  return out;
}

// Cyrillic letters as names are commonly spelled in Latin letters (close to BGN/PCGN):
// Russian by default, Bulgarian (its 2009 Streamlined System) where the letters differ
// and the customer's locale is Bulgarian; Ukrainian letters too.
// prettier-ignore
const CYRILLIC: Record<string, string> = {
  А: "A", Б: "B", В: "V", Г: "G", Д: "D", Е: "E", Ё: "YO", Ж: "ZH", З: "Z", И: "I", Й: "Y",
  К: "K", Л: "L", М: "M", Н: "N", О: "O", П: "P", Р: "R", С: "S", Т: "T", У: "U", Ф: "F",
  Х: "KH", Ц: "TS", Ч: "CH", Ш: "SH", Щ: "SHCH", Ъ: "", Ы: "Y", Ь: "", Э: "E", Ю: "YU", Я: "YA",
  Ґ: "G", Є: "YE", І: "I", Ї: "YI", Ў: "U",
};
const BULGARIAN: Record<string, string> = { Х: "H", Щ: "SHT", Ъ: "A", Ь: "Y" };
// Latin letters that Unicode does not decompose into a base letter and a mark.
const LATIN_EXTRA: Record<string, string> = { Ł: "L", Ø: "O", Đ: "D", ß: "SS", Æ: "AE", Œ: "OE", Þ: "TH" };

/**
 * A first name in the letters A-Z: Polish and other accented Latin letters lose their
 * marks ("Żaneta" -> "ZANETA"), Cyrillic is transliterated ("Живко" -> "ZHIVKO"), in the
 * Bulgarian way when the customer's locale is Bulgarian. Other scripts give "".
 */
export function latinName(name: string | null | undefined, locale?: string | null): string {
  const bulgarian = /^bg\b/i.test(locale ?? "");
  let out = "";
  for (const ch of (name ?? "").toUpperCase()) {
    const mapped = (bulgarian ? BULGARIAN[ch] : undefined) ?? CYRILLIC[ch] ?? LATIN_EXTRA[ch];
    out += mapped ?? ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  return out.replace(/[^A-Z]/g, "");
}

/** The readable part of a code: the first name in A-Z, at most 6 letters ("Anna-Maria" -> "ANNAMA"). */
export function namePrefix(firstName: string | null | undefined, locale?: string | null): string {
  return latinName(firstName, locale).slice(0, 6);
}

/** The prefix of codes of advocates whose first name is unknown or in another script. */
export const NEUTRAL_PREFIX = "FRIEND";

/**
 * A personal advocate code: readable (the first name in A-Z) and hard to guess (8
 * random characters from a 31-letter alphabet, about 8.5e11 codes), e.g.
 * "ANNA-7K3QX9PD". Codes are stored and matched in upper case.
 */
export function generateAdvocateCode(firstName?: string | null, locale?: string | null): string {
  const prefix = namePrefix(firstName, locale) || NEUTRAL_PREFIX;
  return `${prefix}-${randomChars(8)}`;
}

/** Normalises a code typed by a person or sent by Shopify for look-up. */
export function normaliseCode(code: string): string {
  return code.trim().toUpperCase();
}

/** Codes we could ever have issued: letters, digits and dashes, not too long. */
export function isPlausibleCode(code: string): boolean {
  return /^[A-Z0-9-]{4,40}$/.test(normaliseCode(code));
}

/**
 * The reward code is derived from the reward's id with a secret, so a retried issue
 * (after a crash, by another worker) produces the same code and finds the discount it
 * already created instead of creating a second one, while outsiders cannot guess it.
 */
export function rewardCodeFor(rewardId: string, secret: string): string {
  const digest = crypto.createHmac("sha256", secret).update(`reward:${rewardId}`).digest();
  let out = "";
  for (let i = 0; i < 12; i++) out += ALPHABET[digest[i] % ALPHABET.length];
  return `RWD-${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}`;
}
