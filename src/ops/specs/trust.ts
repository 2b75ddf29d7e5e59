/** trust: add, list and remove the keys whose signatures deploys accept (CLI; MCP lists only). */
import { absent, bind, defineSpec } from "../spec.ts";

export const spec = defineSpec({
  cli: {
    command: "trust",
    description:
      "The keys whose signatures you accept: trust add KEYFILE --name NAME, trust list, trust remove NAME|KEYID",
    examples: [
      ["list", "every trusted key: its name, its key id, this machine's own key marked"],
      [
        "add ./alice-signing.pub --name alice",
        "accept what alice signs (her keys/signing.pub); verify and status then name her",
      ],
      ["remove alice", "stop accepting alice's signatures: her publishes no longer verify or deploy"],
    ],
  },
  mcp: absent(
    "list_trusted_keys lists the trusted keys; adding or removing one is CLI-only: whose signatures are " +
      "accepted is the user's decision, never an assistant's",
    "list_trusted_keys",
  ),
  input: {
    action: {
      kind: "text",
      choices: ["add", "list", "remove"],
      cli: { flag: "<action>", description: "add, list or remove" },
    },
    key: {
      kind: "text",
      cli: {
        flag: "[key]",
        description:
          "add: the public key file (PEM, a signer's keys/signing.pub); remove: a trust name or key id",
        complete: "file",
      },
    },
    name: {
      kind: "text",
      cli: { flag: "--name <name>", description: "add: the name the key is known by (required with add)" },
    },
    force: {
      kind: "flag",
      cli: { flag: "--force", description: "remove: also this machine's own signing key" },
    },
  },
});

export const op = bind(spec, () => import("../trust.ts"), (m, deps, input) => m.trust(deps, input));
