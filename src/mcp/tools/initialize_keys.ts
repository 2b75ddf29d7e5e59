/** initialize_keys: create the state folder and the Ed25519 signing key (the CLI's `init`). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { init } from "../../ops/init.ts";
import type { Deps } from "../../platform/deps.ts";
import { obj } from "../schemas.ts";
import { defineTool } from "../tool.ts";

/** Registers `initialize_keys`. */
export function registerInitializeKeys(server: McpServer, deps: Deps): void {
  defineTool(server, {
    name: "initialize_keys",
    title: "Initialize signing keys",
    description: "Create the state folder and the Ed25519 key that signs published configurations. " +
      "Safe to repeat: existing keys are kept unless regenerate is true (the old public key stays trusted).",
    kind: "write",
    idempotent: true,
    input: {
      regenerate: z.boolean().default(false).describe("Make a new signing key even if one exists"),
    },
    output: obj({
      status: z.enum(["created", "already_exists", "regenerated"]),
      key_id: z.string(),
      private_key_path: z.string(),
      public_key_path: z.string(),
      trusted_key_ids: z.array(z.string()),
      trusted_existing_key: z.string().optional()
        .describe(
          "Set when this call trusted the existing key pair (a key pair with no keys/trusted/ folder, as the Python tool left it)",
        ),
      home: z.string(),
    }),
    run: (a) => init(deps, { regenerate: a.regenerate }),
  });
}
