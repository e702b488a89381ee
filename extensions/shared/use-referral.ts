import { useCallback, useEffect, useState } from "preact/hooks";
import { loadReferral, type Loaded, type SessionTokenApi, type Surface } from "./api";

/** The referral data of the signed-in customer, loaded once; `retry` loads it again. */
export function useReferral(api: SessionTokenApi, surface: Surface): [Loaded, () => void] {
  const [state, setState] = useState<Loaded>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setState({ kind: "loading" });
    loadReferral(api, surface).then((loaded) => live && setState(loaded));
    return () => {
      live = false;
    };
  }, [api, surface, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return [state, retry];
}
