/**
 * Property: parse(render(x)) equals x for every client on every OS, in reference mode.
 *
 * Generated entries: stdio (command, args, env, cwd, extra fields) and http / sse remotes (url,
 * headers, extra fields), with `${VAR}` references in any string. What a client truly cannot express
 * is excluded, each for a stated reason:
 *  1. `type: "stdio"` is never generated: it is the neutral default and parse leaves it out.
 *  2. Empty `args` / `env` / `headers` are never generated: `[]`/`{}` and absent are the same server, and
 *     several shapes cannot tell them apart (opencode's one `command` array, the mcp-remote bridge).
 *  3. SSE remotes are not generated for the clients with no SSE label: cursor, windsurf, zed, lm-studio,
 *     kiro, antigravity, trae, amp (no `type`: the client picks the transport) and opencode / kilo-code /
 *     amazon-q (one label for both transports). An SSE server deploys there fine but reads back as http.
 *  4. opencode, kilo-code: no `cwd` (the schema has none) and no extra fields (`additionalProperties:
 *     false`).
 *  5. Literal text never contains `$`, and references are plain `${VAR}` (no `:-default`): `${env:VAR}`
 *     and the names-only forms cannot hold a default, and a `$` in text is read as a reference.
 *  6. Secret values are unknown to the resolver: clients without a reference syntax ("none", and the
 *     leftovers of "names-only") write literals, which no parser can turn back into a name. The
 *     second property shows the reference-syntax clients never consult the resolver.
 *  7. No stdio entry that is itself `npx -y mcp-remote <url>` or `cmd /c npx`: parse reads those as the
 *     bridge / wrapper they are (the same server, spelled the other way).
 *  8. Extra fields are named `x_*`, so they never collide with a client's own field names.
 */
import assert from "node:assert/strict";
import fc from "../helpers/fc.ts";
import { ALL_CLIENTS } from "../../src/clients/registry.ts";
import type { ClientRecord, OS, RenderContext } from "../../src/clients/types.ts";
import type { NeutralEntry } from "../../src/core/neutral.ts";

const NO_SSE = new Set([
  "cursor",
  "windsurf",
  "zed",
  "lm-studio",
  "kiro",
  "antigravity",
  "trae",
  "opencode",
  "amazon-q",
  "amp",
  "kilo-code",
]);
const OSES: OS[] = ["linux", "darwin", "windows"];

const varName = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,6}$/);
const text = fc.stringMatching(/^[a-zA-Z0-9 ._:=@\/-]{0,12}$/);
const ref = varName.map((v) => "${" + v + "}");
const value = fc.oneof(text, ref, fc.tuple(text, ref, text).map(([a, r, b]) => a + r + b));
const arg = fc.oneof(fc.stringMatching(/^[a-zA-Z0-9._@=\/-]{1,10}$/), value);
const nonEmptyDict = <T>(k: fc.Arbitrary<string>, v: fc.Arbitrary<T>) =>
  fc.dictionary(k, v, { minKeys: 1, maxKeys: 3, noNullPrototype: true });
const extras = fc.dictionary(
  fc.stringMatching(/^x_[a-z]{1,5}$/),
  fc.oneof(fc.string({ maxLength: 6 }).filter((s) => !s.includes("$")), fc.integer(), fc.boolean()),
  { maxKeys: 2, noNullPrototype: true },
);

const stdio = fc.record({
  command: fc.constantFrom(
    "node",
    "uvx",
    "docker",
    "python3",
    "npx",
    "npm",
    "pnpm",
    "bunx",
    "yarn",
    "npx.cmd",
  ),
  args: fc.array(arg, { minLength: 1, maxLength: 4 }),
  env: nonEmptyDict(varName, value),
  cwd: fc.stringMatching(/^\/[a-z]{1,6}(\/[a-z]{1,6})?$/),
}, { requiredKeys: ["command"] })
  .filter((e) => !(e.args ?? []).slice(0, 2).some((a) => a.startsWith("mcp-remote")))
  .chain((e) => extras.map((x) => ({ ...x, ...e }) as NeutralEntry));

const remote = (types: ("http" | "sse")[]) =>
  fc.record({
    type: fc.constantFrom(...types),
    url: fc.stringMatching(/^https:\/\/[a-z]{1,8}\.example(\/[a-z0-9]{1,6}){0,2}$/),
    headers: nonEmptyDict(fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,10}$/), value),
  }, { requiredKeys: ["type", "url"] }).chain((e) => extras.map((x) => ({ ...x, ...e }) as NeutralEntry));

function entriesFor(c: ClientRecord): fc.Arbitrary<NeutralEntry> {
  let s = stdio;
  let r = remote(NO_SSE.has(c.id) ? ["http"] : ["http", "sse"]);
  if (c.id === "opencode" || c.id === "kilo-code") {
    const strip = (e: NeutralEntry) =>
      Object.fromEntries(
        Object.entries(e).filter(([k]) => k !== "cwd" && !k.startsWith("x_")),
      ) as NeutralEntry;
    s = s.map(strip);
    r = r.map(strip);
  }
  return fc.oneof(s, r);
}

const unknownSecrets = (os: OS): RenderContext => ({
  os,
  secrets: "reference",
  resolveSecret: () => undefined,
});

for (const c of ALL_CLIENTS) {
  Deno.test(`round trip ${c.id}: parse(render(x)) == x on linux, darwin, windows`, () => {
    fc.assert(
      fc.property(
        entriesFor(c),
        fc.constantFrom(...OSES),
        fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/),
        (e, os, name) => {
          const native = c.render(name, e, unknownSecrets(os));
          assert.deepStrictEqual(c.parse(name, structuredClone(native)), e, JSON.stringify(native));
        },
      ),
      { numRuns: 300 },
    );
  });
}

Deno.test("round trip: clients with a reference syntax keep references even when every secret is known", () => {
  const known = (os: OS): RenderContext => ({
    os,
    secrets: "reference",
    resolveSecret: (n) => `literal-${n}`,
  });
  for (
    const c of ALL_CLIENTS.filter((x) => x.secretSyntax === "dollar-brace" || x.secretSyntax === "env-colon")
  ) {
    fc.assert(
      fc.property(entriesFor(c), fc.constantFrom(...OSES), (e, os) => {
        const native = c.render("s", e, known(os));
        assert.ok(!JSON.stringify(native).includes("literal-"), c.id);
        assert.deepStrictEqual(c.parse("s", native), e);
      }),
      { numRuns: 100 },
    );
  }
});
