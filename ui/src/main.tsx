import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "./styles.css";
import { App } from "./App";
import * as api from "./api/commands";

const root = document.getElementById("root");
if (root) {
  // Asked before the first render: the answer travels while the skeleton draws.
  const started = api.appStart();
  createRoot(root).render(
    <StrictMode>
      <App started={started} />
    </StrictMode>,
  );
}
