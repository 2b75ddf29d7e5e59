/** capabilities://server: the server's identity and everything registered, generated at read time. */
import type { McpServer } from "../mcp_server.ts";
import type { Deps } from "../../platform/deps.ts";
import { join } from "../../platform/path.ts";
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
    read: () => {
      const r = registered(server);
      const keys = join(deps.home, "keys");
      return Promise.resolve({
        ...SERVER_INFO,
        state_folder: deps.home,
        // Reads only: every tool that writes requires client_id.
        defaults: { client_id: "claude-desktop", profile_id: "default" },
        signing: {
          algorithm: "Ed25519",
          signature: "base64 Ed25519 signature over the canonical JSON of the payload; artifact_id is the " +
            "lowercase hex SHA-256 of that canonical JSON",
          signing_key_id_field: "signing_key_id (each artifact names the key that signed it)",
          // The state folder's layout (src/store/layout.ts), named here without reading the store.
          verification_key: `the public key (PEM) of a key id is ${join(keys, "trusted", "<key_id>.pub")}; ` +
            `the current signing key's is ${join(keys, "signing.pub")}. verify_config checks an artifact ` +
            "against the trusted keys; initialize_keys creates the key pair and returns its key_id",
        },
        tools: r.tools,
        resources: r.resources,
        prompts: r.prompts,
      });
    },
  });
}
