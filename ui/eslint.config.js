// Lint for the UI: the recommended rules of ESLint, typescript-eslint and React's hooks. Run with
// `npm run lint`, which also type-checks and fails on any warning.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import { defineConfig, globalIgnores } from "eslint/config";

export default defineConfig([
  // Build output, dependencies, and the TypeScript bindings generated from the Rust types.
  globalIgnores(["dist/", "node_modules/", "src/api/bindings/"]),
  {
    files: ["**/*.{ts,tsx,js}"],
    extends: [js.configs.recommended, tseslint.configs.recommended, reactHooks.configs.flat.recommended],
    languageOptions: {
      ecmaVersion: 2022,
      globals: { ...globals.browser },
    },
  },
]);
