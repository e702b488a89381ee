import crypto from "node:crypto";

// No 0/O, 1/I/L: a code read aloud or copied by hand should still work.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

function randomChars(count: number): string {
  let out = "";
  // randomInt is uniform over the alphabet, unlike a byte taken modulo its length
  for (let i = 0; i < count; i++) out += ALPHABET[crypto.randomInt(ALPHABET.length)];
  return out;
}

/** Latin letters of a first name, for a readable prefix: "Anna-Maria" -> "ANNAMA". */
function namePrefix(firstName: string | null | undefined): string {
  const latin = (firstName ?? "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/[^A-Z]/g, "");
  return latin.slice(0, 6);
}

/**
 * A personal advocate code: readable (the first name when it is Latin) and hard to
 * guess (8 random characters from a 31-letter alphabet, about 8.5e11 codes), e.g.
 * "ANNA-7K3QX9PD". Codes are stored and matched in upper case.
 */
export function generateAdvocateCode(firstName?: string | null): string {
  const prefix = namePrefix(firstName) || "FRIEND";
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
