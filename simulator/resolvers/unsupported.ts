// A gap in the simulator must be loud: resolvers throw this GraphQL error (it lands in
// the response's errors with code SIMULATOR_UNSUPPORTED) instead of answering null.

import { GraphQLError } from "graphql";

export function unsupported(what: string): never {
  throw new GraphQLError(`The Shopify simulator does not support ${what}`, {
    extensions: { code: "SIMULATOR_UNSUPPORTED" },
  });
}
