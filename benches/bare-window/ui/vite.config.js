import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Built the way the app's UI is (same Vite, same target); the window loads ui/dist.
export default defineConfig({
  plugins: [react()],
  server: { port: 5174, strictPort: true },
  build: { outDir: "dist", emptyOutDir: true, target: "es2021", chunkSizeWarningLimit: 2500 },
});
