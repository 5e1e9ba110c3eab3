/**
 * Which form field an IpcError is about. The core names it in the code: `validation.profile.app_key`
 * belongs next to the `app_key` field; anything else is shown above the form.
 */
const PREFIX = "validation.profile.";

export function fieldOfError<F extends string>(code: string, fields: readonly F[]): F | null {
  if (!code.startsWith(PREFIX)) return null;
  const field = code.slice(PREFIX.length).split(".")[0] ?? "";
  return fields.find((known) => known === field) ?? null;
}
