import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequestListener } from "@remix-run/node-fetch-server";

/**
 * The app's webhook, app-proxy and extension routes behind a real HTTP server, in the test
 * process, so deliveries go through HTTP and the real authenticate.* code.
 */
export async function startAppServer() {
  const webhooks = await import("../../app/routes/webhooks");
  const me = await import("../../app/routes/proxy.api.me");
  const click = await import("../../app/routes/proxy.r.$code");
  const customerReferral = await import("../../app/routes/api.customer.referral");
  const unsubscribe = await import("../../app/routes/email.unsubscribe");
  const customerOffer = await import("../../app/routes/api.customer.offer");
  const handle = async (request: Request, client?: { address: string }): Promise<Response> => {
    const url = new URL(request.url);
    // As server.mjs does: the connection's peer address in the load context.
    const context = client ? { clientAddress: client.address } : {};
    const args = (params: Record<string, string> = {}) => ({ request, params, context });
    try {
      if (url.pathname === "/webhooks")
        return request.method === "POST" ? await webhooks.action(args()) : webhooks.loader();
      if (url.pathname === "/proxy/api/me") return await me.loader(args());
      if (url.pathname === "/api/customer/referral")
        return ["GET", "HEAD"].includes(request.method)
          ? await customerReferral.loader(args())
          : await customerReferral.action(args());
      if (url.pathname === "/email/unsubscribe")
        return ["GET", "HEAD"].includes(request.method)
          ? await unsubscribe.loader(args())
          : await unsubscribe.action(args());
      if (url.pathname === "/api/customer/offer")
        return ["GET", "HEAD"].includes(request.method)
          ? await customerOffer.loader(args())
          : await customerOffer.action(args());
      const m = /^\/proxy\/r\/([^/]+)$/.exec(url.pathname);
      if (m) return await click.loader(args({ code: decodeURIComponent(m[1]) }));
      return new Response("Not Found", { status: 404 });
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  };
  const server = http.createServer(createRequestListener(handle));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, handle, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
