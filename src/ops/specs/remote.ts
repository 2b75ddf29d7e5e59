/** remote add/list/remove / list_remotes: the git repositories profiles are shared through. */
import { absent, arr, bind, defineSpec, nullable, obj, str } from "../spec.ts";

const REMOTE = obj({ name: str, url: str, added_at: str });

export const spec = defineSpec({
  cli: {
    command: "remote",
    description:
      "The git repositories profiles are shared through: `remote add NAME URL`, `remote list`, `remote remove NAME` (any URL git accepts; your own git credentials)",
    examples: [
      [
        "add origin git@github.com:acme/mcp-profiles.git",
        "share profiles through a repository on GitHub (ssh)",
      ],
      ["add team /srv/git/mcp-profiles.git", "a bare repository on this machine or a mounted share"],
      ["list", "every remote and its URL (a password in a URL shown as ***)"],
      ["remove team", "forget a remote (the profiles pulled from it stay)"],
    ],
  },
  mcp: {
    tool: "list_remotes",
    title: "List remotes",
    description:
      "The git repositories signed profiles are pushed to and pulled from (name, URL with any password as ***, " +
      "when added). Adding and removing remotes is done on the command line (remote add/remove).",
    kind: "read",
  },
  input: {
    action: {
      kind: "text",
      choices: ["add", "list", "remove"],
      cli: { flag: "<action>", description: "add, list or remove" },
      mcp: absent("the tool lists; adding or removing a remote is left to the user on the command line"),
    },
    name: {
      kind: "text",
      cli: { flag: "[name]", description: "the remote's name (add, remove)" },
      mcp: absent("the tool lists every remote"),
    },
    url: {
      kind: "text",
      cli: { flag: "[url]", description: "add: a URL or path git accepts (file://, ssh, https, a path)" },
      mcp: absent(
        "a URL a call supplies would let an assistant choose what git reaches (DESIGN.md, Permissions): remotes are added on the command line",
      ),
    },
  },
  output: obj({
    action: str,
    remote: nullable(REMOTE),
    remotes: arr(REMOTE),
  }),
});

export const op = bind(spec, () => import("../remote.ts"), (m, deps, input) => m.remote(deps, input));
