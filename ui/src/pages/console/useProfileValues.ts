/**
 * The parameters of an API the current profile already knows (旺店通's sid and appkey, the CRM API's
 * customerid and extendProps), filled into the form as the API or the profile is chosen. A value the
 * user typed is kept; a value filled for the previous profile is replaced by the new profile's.
 */
import { useEffect, useRef } from "react";
import type { FormInstance } from "antd";
import * as api from "../../api/commands";
import type { ApiDoc } from "../../api/bindings/ApiDoc";
import type { ConsoleFormValues } from "./ParamForm";

export function useProfileValues(form: FormInstance<ConsoleFormValues>, doc: ApiDoc | undefined, profileId: number | null, paramForm: unknown) {
  /** What was filled last, by parameter: a field still holding it was not edited since. */
  const filled = useRef<Record<string, string>>({});
  useEffect(() => {
    if (!doc?.wdt_sign || profileId === null) return;
    let live = true;
    api
      .callProfileValues(doc.name, profileId)
      .then((rows) => {
        if (!live) return;
        const documented = new Set(doc.params.map((param) => param.name));
        const next: Record<string, string> = {};
        for (const row of rows) {
          if (!documented.has(row.key)) continue;
          const path: ["params", string] = ["params", row.key];
          const current = (form.getFieldValue(path) as string | undefined) ?? "";
          if (current.trim() === "" || current === filled.current[row.key]) {
            form.setFieldValue(path, row.value);
            next[row.key] = row.value;
          }
        }
        filled.current = next;
      })
      // Without the profile's values the form is as the user left it; sending says what is missing.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [form, doc, profileId, paramForm]);
}
