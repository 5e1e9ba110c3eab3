/**
 * How a failure reaches the user when it has no place of its own on screen: one error toast, worded by
 * the core (its message is already in the UI language). Every screen shows failures through here, so
 * they look and read the same everywhere.
 */
import { useCallback } from "react";
import { App } from "antd";
import { toIpcFailure } from "../api/ipc";

/** The words a failure is shown with: the core's message, an Error's message, or the text itself. */
export function errorText(error: unknown): string {
  return toIpcFailure(error).message;
}

/** Returns `showError(error)`, which shows the failure (or a ready text) as an error toast. */
export function useShowError(): (error: unknown) => void {
  const { message } = App.useApp();
  return useCallback(
    (error: unknown) => {
      void message.error(errorText(error));
    },
    [message],
  );
}
