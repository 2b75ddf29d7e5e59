/** list_trusted_keys: the keys whose signatures deploys accept (on the CLI: trust list). */
import { absent, arr, bind, bool, defineSpec, literal, nullable, num, obj, str } from "../spec.ts";

export const spec = defineSpec({
  cli: absent("trust list lists the trusted keys (trust is the command of all three actions)", "trust list"),
  mcp: {
    tool: "list_trusted_keys",
    title: "List trusted keys",
    description:
      "The public keys whose signatures deploys accept (keys/trusted/), each with its key id, the name it " +
      "was trusted under and whether it is this machine's own signing key. Read only: keys are trusted and " +
      "removed by the user with the CLI (trust add / trust remove), never by a tool.",
    kind: "read",
  },
  input: {},
  output: obj({
    action: literal("list"),
    count: num,
    own_key_id: nullable(str),
    keys: arr(obj({ key_id: str, name: nullable(str), own: bool, added_at: nullable(str), path: str })),
    warnings: arr(str),
  }),
});

export const op = bind(spec, () => import("../trust.ts"), (m, deps) => m.trustList(deps));
