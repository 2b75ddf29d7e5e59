/** capabilities://server: the server's identity and everything registered, generated at read time. */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Deps } from "../../platform/deps.ts";
import { layout } from "../../store/layout.ts";
import { trustedKeys } from "../../store/keys.ts";
import { registered } from "../registered.ts";
import { defineResource } from "../resource.ts";
import { SERVER_INFO } from "../server_info.ts";

/** Registers `capabilities://server`. */
export function registerCapabilitiesServer(server: McpServer, deps: Deps): void {
  defineResource(server, {
    name: "capabilities-server",
    uri: "capabilities://server",
    title: "Server capabilities",
    description:
      "This server's name, version, tools (with annotations), resources and prompts, as registered",
    read: async () => {
      const r = registered(server);
      const l = layout(deps.home);
      const trusted = await trustedKeys(deps);
      return {
        ...SERVER_INFO,
        state_folder: deps.home,
        // Reads only: every tool that writes requires client_id.
        defaults: { client_id: "claude-desktop", profile_id: "default" },
        signing: {
          algorithm: "Ed25519",
          signature: "base64 Ed25519 signature over the canonical JSON of the payload; artifact_id is the " +
            "lowercase hex SHA-256 of that canonical JSON",
          signing_key_id_field: "signing_key_id (each artifact names the key that signed it)",
          verification_key: `the public key (PEM) of a key id is ${l.trustedDir}/<key_id>.pub; the ` +
            `current signing key's is ${l.signingPub}. verify_config checks an artifact against them; ` +
            "initialize_keys creates the key pair",
          trusted_key_ids: [...trusted.keys()].sort(),
        },
        tools: r.tools,
        resources: r.resources,
        prompts: r.prompts,
      };
    },
  });
}
