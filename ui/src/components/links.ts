/**
 * Addresses that leave the app (documents, authorize pages) open in the system browser through the
 * shell (https only). When the browser cannot be opened the user is told so in the error toast; the
 * address stays on screen to copy.
 */
import { useCallback } from "react";
import * as api from "../api/commands";
import { useShowError } from "./errors";

/** Returns `openExternal(url)`, the one way any screen opens an outside address. */
export function useOpenExternal(): (url: string) => void {
  const showError = useShowError();
  return useCallback(
    (url: string) => {
      api.linkOpen(url).catch(showError);
    },
    [showError],
  );
}
