// Headless Chromium as the browser tests and the benchmarks drive it: the machine's
// Chromium (scripts/prerequisites.mjs finds it; a missing one is a one-line error, never a
// skip), launched with flags that keep it from reaching anything beyond this machine.
import { chromium, type Browser } from "playwright-core";
import { chromiumPath } from "./prerequisites.mjs";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

/**
 * The browser's own User-Agent as a headed Chrome sends it. Shopify's library answers 410
 * to bots on admin routes, and isbot() counts "HeadlessChrome" as one.
 */
export async function desktopUserAgent(browser: Browser): Promise<string> {
  const probe = await browser.newPage();
  try {
    return (await probe.evaluate(() => navigator.userAgent)).replace("HeadlessChrome", "Chrome");
  } finally {
    await probe.close();
  }
}
