// Validation of metafield values by type, following Shopify's metafield type list.
// Returns an error message (Shopify wording where known) or null when the value is valid.

const REFERENCE_TYPES: Record<string, string> = {
  collection_reference: "Collection",
  customer_reference: "Customer",
  company_reference: "Company",
  file_reference: "",
  metaobject_reference: "Metaobject",
  mixed_reference: "Metaobject",
  order_reference: "Order",
  page_reference: "Page",
  product_reference: "Product",
  product_taxonomy_value_reference: "TaxonomyValue",
  variant_reference: "ProductVariant",
  article_reference: "Article",
};

const SCALAR_TYPES = new Set([
  "boolean",
  "color",
  "date",
  "date_time",
  "dimension",
  "id",
  "json",
  "link",
  "money",
  "multi_line_text_field",
  "number_decimal",
  "number_integer",
  "rating",
  "rich_text_field",
  "single_line_text_field",
  "url",
  "volume",
  "weight",
  ...Object.keys(REFERENCE_TYPES),
]);

/** Types that may be wrapped as list.X. */
const LISTABLE = new Set(
  [...SCALAR_TYPES].filter(
    (t) => !["boolean", "json", "money", "multi_line_text_field", "rich_text_field"].includes(t),
  ),
);

export function isValidMetafieldType(type: string): boolean {
  if (type.startsWith("list.")) return LISTABLE.has(type.slice(5));
  return SCALAR_TYPES.has(type);
}

const INT64_MAX = 9223372036854775807n;

function checkScalar(type: string, value: unknown): string | null {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  switch (type) {
    case "boolean":
      return text === "true" || text === "false" ? null : "Value must be true or false.";
    case "number_integer": {
      if (typeof value === "number" && Number.isInteger(value)) return null;
      if (!/^-?\d+$/.test(text)) return "Value must be an integer.";
      const big = BigInt(text);
      return big > INT64_MAX || big < -INT64_MAX - 1n
        ? "Value must be an integer between -9,223,372,036,854,775,808 and 9,223,372,036,854,775,807."
        : null;
    }
    case "number_decimal":
      return typeof value === "number" || /^-?\d+(\.\d+)?$/.test(text) ? null : "Value must be a decimal.";
    case "single_line_text_field":
      return typeof value !== "string"
        ? "Value must be a string."
        : /[\r\n]/.test(value)
          ? "Value must be a single line text string."
          : null;
    case "multi_line_text_field":
      return typeof value === "string" ? null : "Value must be a string.";
    case "id":
      return typeof value === "string" && value.length > 0 ? null : "Value must be a string.";
    case "date":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))
        ? null
        : "Value must be in YYYY-MM-DD format.";
    case "date_time":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))
        ? null
        : "Value must be in YYYY-MM-DDTHH:MM:SS format.";
    case "url":
      return typeof value === "string" && /^(https?:\/\/[^\s]+|mailto:\S+|sms:\S+|tel:\S+|\/\S*)$/.test(value)
        ? null
        : "Value must be a valid URL with an allowed scheme (http, https, mailto, sms, tel).";
    case "color":
      return typeof value === "string" && /^#[0-9a-fA-F]{6}$/.test(value)
        ? null
        : "Value must be a hex color code (#RRGGBB).";
    case "json":
      return null;
    case "money": {
      const obj = value as { amount?: unknown; currency_code?: unknown } | null;
      return obj &&
        typeof obj === "object" &&
        (typeof obj.amount === "string" || typeof obj.amount === "number") &&
        typeof obj.currency_code === "string"
        ? null
        : "Value must be a JSON object with amount and currency_code.";
    }
    case "rating": {
      const obj = value as { value?: unknown; scale_min?: unknown; scale_max?: unknown } | null;
      return obj &&
        typeof obj === "object" &&
        obj.value !== undefined &&
        obj.scale_min !== undefined &&
        obj.scale_max !== undefined
        ? null
        : "Value must be a JSON object with value, scale_min and scale_max.";
    }
    case "dimension":
    case "volume":
    case "weight": {
      const obj = value as { value?: unknown; unit?: unknown } | null;
      return obj && typeof obj === "object" && typeof obj.value === "number" && typeof obj.unit === "string"
        ? null
        : "Value must be a JSON object with value and unit.";
    }
    case "link": {
      const obj = value as { text?: unknown; url?: unknown } | null;
      return obj && typeof obj === "object" && typeof obj.url === "string"
        ? null
        : "Value must be a JSON object with text and url.";
    }
    case "rich_text_field": {
      const obj = value as { type?: unknown } | null;
      return obj && typeof obj === "object" && obj.type === "root"
        ? null
        : "Value must be a rich text JSON object with type root.";
    }
    default: {
      if (type in REFERENCE_TYPES) {
        const resource = REFERENCE_TYPES[type];
        const re = resource ? new RegExp(`^gid://shopify/${resource}/\\d+$`) : /^gid:\/\/shopify\/\w+\/\d+$/;
        return typeof value === "string" && re.test(value)
          ? null
          : `Value require that you select a ${resource || "file"}.`;
      }
      return null;
    }
  }
}

/** Types whose stored value is JSON text (the value is parsed before checking). */
function isJsonEncoded(type: string): boolean {
  return (
    type.startsWith("list.") ||
    ["json", "money", "rating", "dimension", "volume", "weight", "link", "rich_text_field"].includes(type)
  );
}

export function validateMetafieldValue(type: string, value: string): string | null {
  if (isJsonEncoded(type)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      return `Value is invalid JSON: ${(error as Error).message}.`;
    }
    if (type.startsWith("list.")) {
      if (!Array.isArray(parsed)) return "Value must be an array.";
      const inner = type.slice(5);
      for (const item of parsed) {
        const message = checkScalar(inner, item);
        if (message) return `Value [${JSON.stringify(item)}]: ${message}`;
      }
      return null;
    }
    return checkScalar(type, parsed);
  }
  return checkScalar(type, value);
}

/** jsonValue as Shopify exposes it: typed where the type has a JSON form. */
export function metafieldJsonValue(type: string, value: string): unknown {
  if (isJsonEncoded(type)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  if (type === "boolean") return value === "true";
  if (type === "number_integer") return Number(value);
  return value;
}
