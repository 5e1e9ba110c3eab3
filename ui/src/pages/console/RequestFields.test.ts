import { describe, expect, it } from "vitest";
import type { FormInstance } from "antd";
import type { ShownCall } from "../../components/result/model";
import { catalogue } from "../../test/fixtures";
import type { ConsoleFormValues } from "./ParamForm";
import { initialState, reducer, type ConsoleAction } from "./consoleState";
import { sameRequest } from "./RequestFields";

const form = {} as FormInstance<ConsoleFormValues>;
const dispatch: (action: ConsoleAction) => void = () => undefined;
const loaded = reducer(initialState({ id: 1, targetAppKey: "", customerId: "" }), { type: "catalogueLoaded", catalogue });
const props = (state = loaded) => ({ state, form, dispatch });

describe("the request fields redraw for what they show", () => {
  it("stay as drawn while a call goes out and its result comes back", () => {
    const sending = reducer(loaded, { type: "sendStarted" });
    expect(sameRequest(props(), props(sending))).toBe(true);
    const shown = { historyId: 7, explanation: null, networkError: null } as ShownCall;
    const answered = reducer(sending, { type: "sendSucceeded", input: {} as never, shown, language: "zh-CN", method: "taobao.time.get" });
    expect(sameRequest(props(sending), props(answered))).toBe(true);
  });

  it("redraw for an edit, another API, the other mode or another form", () => {
    expect(sameRequest(props(), props(reducer(loaded, { type: "edited", changes: { signMethod: "hmac" } })))).toBe(false);
    expect(sameRequest(props(), props(reducer(loaded, { type: "apiChosen", name: catalogue[1]!.name })))).toBe(false);
    expect(sameRequest(props(), props(reducer(loaded, { type: "modeChosen", mode: "free" })))).toBe(false);
    expect(sameRequest(props(), { ...props(), form: {} as FormInstance<ConsoleFormValues> })).toBe(false);
  });
});
