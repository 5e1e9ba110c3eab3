/**
 * What every screen needs to know about the running app: AppInfo, the profiles, the environments and
 * the API catalogue, loaded once at start and refreshed after the commands that change them. Screens
 * read it with `useWorkbench()` instead of each asking the core again.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import * as api from "../api/commands";
import { IpcFailure, toIpcFailure } from "../api/ipc";
import type { AppInfo } from "../api/bindings/AppInfo";
import type { ProfileView } from "../api/bindings/ProfileView";
import type { EnvironmentOption } from "../api/bindings/EnvironmentOption";
import type { ApiDoc } from "../api/bindings/ApiDoc";
import type { FirstScreen } from "../api/bindings/FirstScreen";
import type { Part } from "../api/bindings/Part";
import type { BundleCall } from "../api/bindings/BundleCall";
import type { CallInput } from "../api/bindings/CallInput";
import { i18n, toUiLanguage, type UiLanguage } from "../i18n";
import { pick } from "../i18n/pick";
import { environmentIdOf } from "../components/environments";

export type PageKey = "onboarding" | "console" | "history" | "profiles" | "settings" | "session" | "repro" | "traffic" | "receiver" | "tour";

/** A call another screen asks the console to show (e.g. a scenario's joint-test call); `seq` makes each request new. */
export interface ConsoleRequest {
  call: CallInput;
  seq: number;
}

/** A history entry another screen asks the history page to open (e.g. a tracker step's evidence). */
export interface HistoryRequest {
  id: number;
  seq: number;
}

/** Calls handed to the 复现请求 page (from history, the console or a bundle), with a sequence number. */
export interface ReproRequest {
  calls: BundleCall[];
  seq: number;
}

export interface Workbench {
  info: AppInfo | null;
  loadError: IpcFailure | null;
  profiles: ProfileView[];
  environments: EnvironmentOption[];
  catalogue: ApiDoc[];
  currentProfile: ProfileView | undefined;
  /** The environment calls go to; follows the current profile until the user picks another. */
  environmentId: string;
  setEnvironmentId: (id: string) => void;
  language: UiLanguage;
  page: PageKey;
  navigate: (page: PageKey) => void;
  /** Set when another screen asks the profiles page to open the create form. */
  createProfileRequested: number;
  requestCreateProfile: () => void;
  consoleRequest: ConsoleRequest | null;
  /** Opens the console prepared with this call, on the environment the call names. */
  openConsoleWith: (call: CallInput) => void;
  reproRequest: ReproRequest | null;
  /** Opens the 复现请求 page with these calls. */
  openReproWith: (calls: BundleCall[]) => void;
  historyRequest: HistoryRequest | null;
  /** Opens the history page on this entry. */
  openHistoryEntry: (id: number) => void;
  setInfo: (info: AppInfo) => void;
  reload: () => Promise<void>;
  reloadProfiles: () => Promise<ProfileView[]>;
  selectProfile: (id: number) => Promise<void>;
  changeLanguage: (language: UiLanguage) => Promise<void>;
}

const WorkbenchContext = createContext<Workbench | null>(null);

/**
 * Everything the app needs at start, as app_start answers it once the data is open. Each part comes on
 * its own: a keyring that refuses the demo profile's secret must not hide the app (and the way out of
 * it) behind one error page.
 */
async function loadScreen(): Promise<FirstScreen> {
  const answer = await api.appStart();
  if (answer.kind === "ready") return answer.screen;
  // The data was open when the app started; should it not be now, that is this load's failure.
  throw new IpcFailure({ code: answer.problem.code, message: pick(answer.problem.message, toUiLanguage(i18n.language)) });
}

function valueOf<T>(part: Part<T>, fallback: T): T {
  return part.status === "fulfilled" ? part.value : fallback;
}

function failureOf(screen: FirstScreen): IpcFailure | null {
  const failed = [screen.info, screen.profiles, screen.environments, screen.catalogue].find((part) => part.status === "rejected");
  return failed ? toIpcFailure(failed.reason) : null;
}

/** Switches the texts and the page's `lang` to the UI language `value` names, and answers it. */
export function applyLanguage(value: string): UiLanguage {
  const next = toUiLanguage(value);
  if (i18n.language !== next) void i18n.changeLanguage(next);
  document.documentElement.lang = next;
  return next;
}

export function useWorkbench(): Workbench {
  const value = useContext(WorkbenchContext);
  if (!value) throw new Error("useWorkbench outside WorkbenchProvider");
  return value;
}

/** A profile's name as the profile picker shows it (the demo profile's in the UI language); `fallback`
 * when the profile is not in the list. */
export function useProfileName(): (id: number, fallback: string) => string {
  const { profiles, language } = useWorkbench();
  return (id, fallback) => {
    const profile = profiles.find((p) => p.id === id);
    return profile ? pick(profile.label, language) : fallback;
  };
}

/**
 * `screen` is the first screen's data when the start-up brought it; without it (after a recovery) the
 * provider asks for it itself.
 */
export function WorkbenchProvider({ screen, children }: { screen: FirstScreen | null; children: ReactNode }) {
  const [info, setInfoState] = useState<AppInfo | null>(() => (screen ? valueOf(screen.info, null) : null));
  const [loadError, setLoadError] = useState<IpcFailure | null>(() => (screen ? failureOf(screen) : null));
  const [profiles, setProfiles] = useState<ProfileView[]>(() => (screen ? valueOf(screen.profiles, []) : []));
  const [environments, setEnvironments] = useState<EnvironmentOption[]>(() => (screen ? valueOf(screen.environments, []) : []));
  const [catalogue, setCatalogue] = useState<ApiDoc[]>(() => (screen ? valueOf(screen.catalogue, []) : []));
  const [environmentOverride, setEnvironmentOverride] = useState<string | null>(null);
  const [language, setLanguage] = useState<UiLanguage>(toUiLanguage(i18n.language));
  const [page, setPage] = useState<PageKey>("console");
  const [createProfileRequested, setCreateProfileRequested] = useState(0);
  const [consoleRequest, setConsoleRequest] = useState<ConsoleRequest | null>(null);
  const [reproRequest, setReproRequest] = useState<ReproRequest | null>(null);
  const [historyRequest, setHistoryRequest] = useState<HistoryRequest | null>(null);

  const followLanguage = useCallback((value: string) => setLanguage(applyLanguage(value)), []);

  const setInfo = useCallback(
    (next: AppInfo) => {
      setInfoState(next);
      followLanguage(next.language);
    },
    [followLanguage],
  );

  const reloadProfiles = useCallback(async () => {
    const list = await api.profilesList();
    setProfiles(list);
    return list;
  }, []);

  const apply = useCallback(
    (loaded: FirstScreen) => {
      if (loaded.info.status === "fulfilled") setInfo(loaded.info.value);
      if (loaded.profiles.status === "fulfilled") setProfiles(loaded.profiles.value);
      if (loaded.environments.status === "fulfilled") setEnvironments(loaded.environments.value);
      if (loaded.catalogue.status === "fulfilled") setCatalogue(loaded.catalogue.value);
      setLoadError(failureOf(loaded));
    },
    [setInfo],
  );

  const reload = useCallback(async () => {
    try {
      apply(await loadScreen());
    } catch (raw) {
      setLoadError(toIpcFailure(raw));
    }
  }, [apply]);

  // Loaded at start unless the start-up brought it; later, the commands that change something reload
  // what they changed.
  useEffect(() => {
    if (screen !== null) return undefined;
    let live = true;
    loadScreen().then(
      (loaded) => live && apply(loaded),
      (raw) => live && setLoadError(toIpcFailure(raw)),
    );
    return () => {
      live = false;
    };
  }, [screen, apply]);

  const currentProfile = useMemo(
    () => profiles.find((profile) => profile.id === info?.current_profile_id) ?? profiles[0],
    [profiles, info],
  );

  const selectProfile = useCallback(
    async (id: number) => {
      setInfo(await api.profileSelect(id));
      setEnvironmentOverride(null);
    },
    [setInfo],
  );

  const changeLanguage = useCallback(
    async (next: UiLanguage) => {
      // The core first, so what is asked of it after the switch (explanations, messages) comes back
      // in the new language; the UI switches even if the core could not remember the choice.
      try {
        setInfo(await api.settingsSet({ language: next, retention: null }));
      } finally {
        followLanguage(next);
      }
      // A load failure on screen is worded in the old language: ask again, in the new one.
      if (loadError) await reload();
    },
    [followLanguage, setInfo, loadError, reload],
  );

  const profileEnvironment = currentProfile ? environmentIdOf(currentProfile.environment, environments) : undefined;
  const environmentId = environmentOverride ?? profileEnvironment ?? environments[0]?.id ?? "";

  const value: Workbench = {
    info,
    loadError,
    profiles,
    environments,
    catalogue,
    currentProfile,
    environmentId,
    setEnvironmentId: setEnvironmentOverride,
    language,
    page,
    navigate: setPage,
    createProfileRequested,
    requestCreateProfile: () => {
      setCreateProfileRequested((n) => n + 1);
      setPage("profiles");
    },
    consoleRequest,
    openConsoleWith: (call: CallInput) => {
      setConsoleRequest((previous) => ({ call, seq: (previous?.seq ?? 0) + 1 }));
      // The call names where it goes: that becomes the environment, as if picked in the top bar.
      if (call.environment_id) setEnvironmentOverride(call.environment_id);
      setPage("console");
    },
    reproRequest,
    openReproWith: (calls: BundleCall[]) => {
      setReproRequest((previous) => ({ calls, seq: (previous?.seq ?? 0) + 1 }));
      setPage("repro");
    },
    historyRequest,
    openHistoryEntry: (id: number) => {
      setHistoryRequest((previous) => ({ id, seq: (previous?.seq ?? 0) + 1 }));
      setPage("history");
    },
    setInfo,
    reload,
    reloadProfiles,
    selectProfile,
    changeLanguage,
  };

  return <WorkbenchContext.Provider value={value}>{children}</WorkbenchContext.Provider>;
}
