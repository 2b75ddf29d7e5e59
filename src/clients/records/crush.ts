/** Crush (Charm): servers under `mcp` with `type` stdio/http/sse; Windows keeps it in LOCALAPPDATA. */
import { defineClient } from "../define.ts";
import { at } from "../paths.ts";

export default defineClient({
  id: "crush",
  displayName: "Crush",
  format: "json",
  paths: {
    darwin: at.home(".config", "crush", "crush.json"),
    linux: at.xdg("crush", "crush.json"),
    windows: at.localappdata("crush", "crush.json"),
  },
  project: [".crush.json"],
  servers: { path: ["mcp"], shape: "map" },
  restartHint: "Restart crush to load the servers.",
  shape: {
    secretSyntax: "none",
    remote: "native",
    stdioType: "stdio",
    remoteTypes: { http: "http", sse: "sse" },
  },
});
