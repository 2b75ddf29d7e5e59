/** Zed: servers under `context_servers` of the (JSONC) settings file; honours $XDG_CONFIG_HOME on Linux. */
import { defineClient } from "../define.ts";
import { at } from "../paths.ts";

export default defineClient({
  id: "zed",
  displayName: "Zed",
  format: "jsonc",
  paths: {
    darwin: at.home(".config", "zed", "settings.json"),
    linux: at.xdg("zed", "settings.json"),
    windows: at.appdata("Zed", "settings.json"),
  },
  project: [".zed", "settings.json"],
  servers: { path: ["context_servers"], shape: "map" },
  restartHint: "Zed reloads settings.json on save; check the server in the Agent panel settings.",
  shape: { secretSyntax: "none", remote: "native" },
});
