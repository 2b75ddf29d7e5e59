/**
 * Kilo Code (VS Code extension and `kilo` CLI, both built on opencode since Kilo 1.0): servers live in the
 * main Kilo config, `~/.config/kilo/kilo.jsonc`, under the top-level `mcp` key, in opencode's entry
 * format: `type: "local"` with `command: [argv...]` and `environment`, or `type: "remote"` with
 * `url`/`headers`; `enabled: false` switches one off. Project config: `.kilo/kilo.jsonc` (or `kilo.jsonc`
 * at the root). Source: Kilo-Org/kilocode packages/kilo-docs/pages/automate/mcp/using-in-kilo-code.md
 * (found with the docs search; the older Roo-style `mcp_settings.json` in VS Code's globalStorage
 * `kilocode.kilo-code` is the pre-1.0 extension). Not checked with a real reader: `@kilocode/cli` 7.8.1
 * does not install here (its postinstall finds no `@kilocode/cli-linux-x64@7.8.1` on the registry), so
 * the tests use fixtures.
 */
import { defineClient } from "../define.ts";
import { at } from "../paths.ts";
import { OPENCODE_SHAPE } from "./opencode.ts";

export default defineClient({
  id: "kilo-code",
  displayName: "Kilo Code",
  format: "jsonc",
  paths: {
    linux: at.xdg("kilo", "kilo.jsonc"),
    darwin: at.home(".config", "kilo", "kilo.jsonc"),
    windows: at.home(".config", "kilo", "kilo.jsonc"),
  },
  project: [".kilo", "kilo.jsonc"],
  servers: { path: ["mcp"], shape: "map" },
  disabled: {
    kind: "field",
    key: "enabled",
    value: false,
    source: "kilo.ai docs (automate/mcp/using-in-kilo-code): `enabled` in the entry; not verified in the app",
  },
  source: "Kilo-Org/kilocode packages/kilo-docs/pages/automate/mcp/using-in-kilo-code.md (docs only: " +
    "`@kilocode/cli` 7.8.1 does not install here, its platform package is missing from the registry)",
  restartHint: "Restart Kilo Code (or the `kilo` CLI; `kilo mcp list` shows what it loads).",
  // Kilo Code is an opencode fork; its docs give opencode's entry format.
  shape: OPENCODE_SHAPE,
  launch: {
    cwd: { field: false, fallback: "client-cwd" },
    source: "not verified: opencode's rules are likely (Kilo is an opencode fork) but unchecked",
  },
});
