/** check-install / check_server_installation: is a server's runtime (npx, uvx, docker) on PATH? Read from
 * PATH, never by running anything. */
import { anyObject, arr, bind, bool, defineSpec, obj, str } from "../spec.ts";

export const spec = defineSpec({
  cli: {
    command: "check-install",
    description: "Check whether the runtime a server needs (npx, uvx, docker) is on PATH (read-only)",
    examples: [["github", "whether github's runtime (docker) is on PATH, for each of its launch options"]],
  },
  mcp: {
    tool: "check_server_installation",
    title: "Check a server's runtime",
    description:
      "Check whether the runtime a catalogue server needs (npx, uvx or docker) is on PATH, for each " +
      "of its launch options. Reads PATH only; runs nothing.",
    kind: "read",
  },
  input: {
    id: {
      kind: "text",
      cli: { flag: "<id>", description: "catalogue id" },
      mcp: { name: "server_id", description: 'Catalogue id, e.g. "filesystem"', required: true },
    },
  },
  output: obj({ id: str, installed: bool, options: arr(anyObject), hint: str }),
});

export const op = bind(
  spec,
  () => import("../check_install.ts"),
  (m, deps, input) => m.checkServerInstallation(deps, input),
);
