import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const PROCESS_ENV = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: "Read configuration through config() from app/config.server.ts.",
};
const GRAPHQL_DOCUMENT = {
  selector: "TemplateElement[value.raw=/^#graphql/]",
  message: "Admin API operations live in app/shopify/, next to their typed result.",
};

export default tseslint.config(
  { ignores: ["build/", "node_modules/", "test-output/", ".cache/", "extensions/**/assets/*.min.js"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  // Layers (ARCHITECTURE.md): configuration is read in one validated module, and every
  // Admin API operation lives in app/shopify/ next to its typed result.
  {
    files: ["app/**/*.{ts,tsx,js}"],
    ignores: ["app/config.server.ts", "app/shopify/**"],
    rules: { "no-restricted-syntax": ["error", PROCESS_ENV, GRAPHQL_DOCUMENT] },
  },
  {
    files: ["app/shopify/**/*.{ts,tsx,js}"],
    rules: { "no-restricted-syntax": ["error", PROCESS_ENV] },
  },
  // The domain writes outbox tasks; it neither runs the worker's queue nor talks GraphQL.
  {
    files: ["app/referrals/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/jobs/*", "~/jobs/*"], message: "The domain does not import the worker or its queue." },
            { group: ["graphql", "graphql-request"], message: "Admin API operations live in app/shopify/." },
          ],
        },
      ],
    },
  },
);
