/** init / initialize_keys: the state folder and the Ed25519 signing key. */
import { arr, bind, defineSpec, obj, oneOf, optional, str } from "../spec.ts";

export const spec = defineSpec({
  cli: {
    command: "init",
    description: "Create the state folder and the Ed25519 signing key (trusted for deploys)",
    examples: [
      ["", "create ~/.mcp-orchestration and its signing key (a second run changes nothing)"],
      ["--regenerate", "a new signing key; artifacts signed with the old one still verify"],
    ],
  },
  mcp: {
    tool: "initialize_keys",
    title: "Initialize signing keys",
    description: "Create the state folder and the Ed25519 key that signs published configurations. " +
      "Safe to repeat: existing keys are kept unless regenerate is true (the old public key stays trusted). " +
      "Not idempotent with regenerate: each such call makes another key.",
    kind: "write",
  },
  input: {
    regenerate: {
      kind: "flag",
      cli: { flag: "--regenerate", description: "make a new signing key; the old public key stays trusted" },
      mcp: { name: "regenerate", description: "Make a new signing key even if one exists", default: false },
    },
  },
  output: obj({
    status: oneOf("created", "already_exists", "regenerated"),
    key_id: str,
    private_key_path: str,
    public_key_path: str,
    trusted_key_ids: arr(str),
    trusted_existing_key: optional(
      str,
      "Set when this call trusted the existing key pair (a key pair with no keys/trusted/ folder, as the Python tool left it)",
    ),
    home: str,
  }),
});

export const op = bind(spec, () => import("../init.ts"), (m, deps, input) => m.init(deps, input));
