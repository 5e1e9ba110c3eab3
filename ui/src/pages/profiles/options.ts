/**
 * The roles and scenarios a profile can take, in the order the onboarding document lists them (seed 003
 * §二); the scenario ids are the catalogue's. Labels come from the locale files.
 */
import type { ProfileRole } from "../../api/bindings/ProfileRole";

export const ROLES: ProfileRole[] = ["wms", "erp", "crm", "pos", "other"];
export const SCENARIOS = ["online_offline_erp", "erp_wms", "erp_pos", "erp_crm", "qimen_custom"] as const;
