// One more instance of the app's webhook and app-proxy routes, as its own OS process
// (node --import tsx tests/support/app-instance.ts): what a second web instance behind a
// load balancer is, with its own memory, on the same database. Prints its URL once up;
// stops on SIGTERM.
import { startAppServer } from "./app-server";

const server = await startAppServer();
console.log(`app instance listening on ${server.url}`);
process.on("SIGTERM", () => void server.stop().then(() => process.exit(0)));
