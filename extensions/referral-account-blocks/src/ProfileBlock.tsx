/** @jsxImportSource preact */
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { Block } from "./Block";

/** customer-account.profile.block.render: the code, a copy button and a link to the full page. */
export default async () => {
  render(<Block variant="profile" />, document.body);
};
