import { useEffect, useState, type ReactNode } from "react";

/**
 * Renders children only in the browser, after hydration: charts measure the DOM and
 * would otherwise render differently on the server than on the client.
 */
export function ClientOnly({ children, fallback = null }: { children: () => ReactNode; fallback?: ReactNode }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return <>{mounted ? children() : fallback}</>;
}
