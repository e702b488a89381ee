// The demo data lives with `npm run demo` (scripts/demo/seed.ts); the tests seed with it too.
export * from "../../../scripts/demo/seed";
