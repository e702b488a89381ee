// The Liquid shim lives with the simulator's storefront (simulator/storefront/liquid.ts),
// which renders the same block for `npm run demo`; the tests use that one module.
export * from "../../../simulator/storefront/liquid";
