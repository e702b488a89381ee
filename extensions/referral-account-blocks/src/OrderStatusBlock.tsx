/** @jsxImportSource preact */
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { Block } from "./Block";

/** customer-account.order-status.block.render: "give X, get Y" with the code and link to share. */
export default async () => {
  render(<Block variant="order-status" />, document.body);
};
