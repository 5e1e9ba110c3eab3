import { describe, expect, it } from "vitest";
import { environmentFromId, environmentIdOf, sessionInClear } from "./environments";
import { environments } from "../test/fixtures";
import { fieldOfError } from "../pages/profiles/profileErrors";

describe("environment ids", () => {
  it("maps listed environments both ways, the local gateway whatever its port", () => {
    expect(environmentIdOf({ kind: "local", base_url: "http://127.0.0.1:9" }, environments)).toBe("local");
    expect(environmentFromId("sandbox", environments)).toEqual({ kind: "sandbox" });
  });

  it("reads typed router codes and URLs, and refuses anything else", () => {
    expect(environmentFromId("router-test:HU3cgwt0tc", environments)).toEqual({ kind: "provider_router", code: "hu3cgwt0tc", test: true });
    expect(environmentIdOf({ kind: "provider_router", code: "abc", test: false }, environments)).toBe("router:abc");
    expect(environmentFromId("https://gw.example.com/router", environments)).toEqual({ kind: "url", url: "https://gw.example.com/router" });
    expect(environmentFromId("somewhere", environments)).toBeNull();
  });
});

describe("a session over plain http", () => {
  const byId = (id: string) => environments.find((env) => env.id === id);
  it("is flagged for a Qimen call to production's http router, not for TOP's https one or the local gateway", () => {
    expect(sessionInClear(byId("production"), "qimen_cloud", true)).toBe(true);
    expect(sessionInClear(byId("production"), "top", true)).toBe(false);
    expect(sessionInClear(byId("local"), "qimen_cloud", true)).toBe(false);
  });
  it("is not flagged when no session is sent, and is for a free-form method when any router is plain", () => {
    expect(sessionInClear(byId("production"), "qimen_cloud", false)).toBe(false);
    expect(sessionInClear(byId("production"), null, true)).toBe(true);
    expect(sessionInClear(byId("sandbox"), null, true)).toBe(false);
  });
});

describe("fieldOfError", () => {
  it("finds the form field a profile validation code names", () => {
    expect(fieldOfError("validation.profile.app_key", ["name", "app_key"])).toBe("app_key");
    expect(fieldOfError("validation.profile", ["name"])).toBeNull();
    expect(fieldOfError("keyring.no_backend", ["name"])).toBeNull();
  });
});
