// Per-worker environment, set before any app module is imported. Values stay if the
// caller set them (CI sets DATABASE_URL for the PostgreSQL run).
process.env.NODE_ENV = "test";
process.env.SHOPIFY_API_KEY ??= "test-api-key";
process.env.SHOPIFY_API_SECRET ??= "test-api-secret";
process.env.SHOPIFY_APP_URL ??= "https://referrals.test";
process.env.SCOPES ??= "read_orders,write_orders,read_customers,write_customers,write_discounts";
