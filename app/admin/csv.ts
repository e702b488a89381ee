/**
 * CSV cells per RFC 4180, safe to open in a spreadsheet: a text cell starting with
 * = + - @ (or a tab or carriage return) would be run as a formula by Excel, Sheets or
 * LibreOffice, so it is prefixed with ' (OWASP's "CSV injection" advice). Customer
 * names, emails and order notes come from the storefront, so this is attacker input.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export type CsvValue = string | number | boolean | Date | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  // Numbers are written by the app itself, never by a customer: a negative number is
  // data, not a formula, and must stay a number.
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  let text = value instanceof Date ? value.toISOString() : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: CsvValue[]): string {
  return values.map(csvCell).join(",") + "\r\n";
}
