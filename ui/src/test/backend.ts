/**
 * A fake of the Rust side for component tests, on top of mockIPC: each command answers from a handler,
 * every call is recorded with its arguments, and a handler that throws an IpcError makes the command
 * reject exactly as the shell does.
 */
import { mockIPC } from "@tauri-apps/api/mocks";
import type { IpcError } from "../api/bindings/IpcError";

export type Handler = (args: Record<string, unknown>) => unknown;

export interface RecordedCall {
  command: string;
  args: Record<string, unknown>;
}

export class IpcRejection {
  constructor(readonly error: IpcError) {}
}

export function installBackend(handlers: Record<string, Handler>): RecordedCall[] {
  const calls: RecordedCall[] = [];
  mockIPC((command, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    calls.push({ command, args });
    const handler = handlers[command];
    if (!handler) {
      // An unexpected command is a test failure, reported through the UI's error path.
      return Promise.reject({ code: "test.unhandled", message: `no handler for ${command}` } satisfies IpcError);
    }
    try {
      const answer = handler(args);
      return answer instanceof IpcRejection ? Promise.reject(answer.error) : answer;
    } catch (thrown) {
      return Promise.reject(thrown);
    }
  });
  return calls;
}

export function reject(code: string, message: string): IpcRejection {
  return new IpcRejection({ code, message });
}
