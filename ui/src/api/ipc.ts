/**
 * The single door to the Rust side. Every command of the contract goes through `call`, which turns
 * whatever the shell rejects with into an `IpcFailure` carrying the stable `code` the UI switches on
 * and the message the core already wrote in the UI language.
 */
import { invoke, type InvokeArgs } from "@tauri-apps/api/core";
import type { IpcError } from "./bindings/IpcError";

export class IpcFailure extends Error {
  readonly code: string;

  constructor(error: IpcError) {
    super(error.message);
    this.name = "IpcFailure";
    this.code = error.code;
  }

  /** True when the code is `prefix` itself or one of its sub-codes (`validation` matches `validation.profile.name`). */
  is(prefix: string): boolean {
    return this.code === prefix || this.code.startsWith(`${prefix}.`);
  }
}

/** Code used when the shell answers with something that is not an IpcError (a bug, or the bridge is missing). */
export const UNEXPECTED_CODE = "internal.unexpected";

function isIpcError(value: unknown): value is IpcError {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.code === "string" && typeof record.message === "string";
}

export function toIpcFailure(raw: unknown): IpcFailure {
  if (raw instanceof IpcFailure) return raw;
  if (isIpcError(raw)) return new IpcFailure(raw);
  const message = raw instanceof Error ? raw.message : typeof raw === "string" ? raw : JSON.stringify(raw);
  return new IpcFailure({ code: UNEXPECTED_CODE, message });
}

export async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw toIpcFailure(raw);
  }
}
