import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

// Shopify opens the app at its root URL with shop/host/id_token parameters; the embedded
// admin lives under /app.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  return redirect(`/app${url.search}`);
}
