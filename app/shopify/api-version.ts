import { ApiVersion } from "@shopify/shopify-api";

/** The Admin API version every request uses; the simulator validates against the same. */
export const API_VERSION = ApiVersion.October26;
