/** LM Studio: `~/.lmstudio/mcp.json` (Cursor notation). Older builds used `~/.cache/lm-studio/mcp.json`. */
import { defineClient } from "../define.ts";
import { at } from "../paths.ts";

export default defineClient({
  id: "lm-studio",
  displayName: "LM Studio",
  format: "json",
  paths: { all: at.home(".lmstudio", "mcp.json") },
  servers: { path: ["mcpServers"], shape: "map" },
  restartHint: "LM Studio reloads mcp.json on save; otherwise restart LM Studio.",
  shape: { secretSyntax: "none", remote: "native" },
});
