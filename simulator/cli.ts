// Runs the simulator standalone:
//   npx tsx simulator/cli.ts --port 4100 --api-key KEY --api-secret SECRET \
//     [--host 127.0.0.1] [--restore-rate 100] [--bucket-size 1000] [--webhook-url URL] \
//     [--app-url URL (the app: its proxy behind /{shop}/account, /admin/{shop}/apps/referrals)] \
//     [--seed-shop alpha.myshopify.com]... [--seed 42]
// Prints the URL (and a token per seeded shop) and runs until SIGINT/SIGTERM.

import { startSimulator } from "./index.js";

function parseArgs(argv: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) continue;
    const [name, inline] = arg.slice(2).split("=", 2);
    const value = inline ?? (argv[i + 1] && !argv[i + 1].startsWith("--") ? argv[++i] : "true");
    out.set(name, [...(out.get(name) ?? []), value]);
  }
  return out;
}

const args = parseArgs(process.argv.slice(2));
const one = (name: string, env?: string) => args.get(name)?.at(-1) ?? (env ? process.env[env] : undefined);
const num = (name: string) => (one(name) === undefined ? undefined : Number(one(name)));

const sim = await startSimulator({
  port: num("port") ?? 4100,
  host: one("host") ?? "127.0.0.1",
  appApiKey: one("api-key", "SHOPIFY_API_KEY"),
  appSecret: one("api-secret", "SHOPIFY_API_SECRET"),
  restoreRate: num("restore-rate"),
  bucketSize: num("bucket-size"),
  webhookUrl: one("webhook-url") ?? null,
  appUrl: one("app-url") ?? null,
  seed: num("seed"),
});

for (const domain of args.get("seed-shop") ?? []) {
  const { shop, accessToken } = sim.seedShop({ domain });
  console.log(`seeded ${shop} token=${accessToken}`);
}
console.log(`Shopify simulator listening on ${sim.url}`);

const shutdown = () => {
  void sim.stop().then(() => process.exit(0));
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
