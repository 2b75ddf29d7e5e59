/** src/mcp/jsonrpc.ts against the SDK's schemas it replaces: the same messages are JSON-RPC, of the same
 * kind; the same params are refused (each method's request schema), each refusal naming the field. */
import { assert, assertEquals } from "../core/assert.ts";
import fc from "../helpers/fc.ts";
import * as sdk from "@modelcontextprotocol/sdk/types.js";
import { kindOf, paramsIssues } from "../../src/mcp/jsonrpc.ts";
import { PARAMS } from "../../src/mcp/mcp_server.ts";

const ABSENT = Symbol("absent");
const opt = <T>(...values: T[]) => fc.constantFrom<T | typeof ABSENT>(ABSENT, ...values);
const META = [
  {},
  { progressToken: 1 },
  { progressToken: "t" },
  { progressToken: 1.5 },
  { progressToken: null },
  3,
  [],
  {
    "io.modelcontextprotocol/related-task": { taskId: "x" },
  },
  { "io.modelcontextprotocol/related-task": { taskId: 1 } },
];
const withMeta = fc.constantFrom(...META).map((m) => ({ _meta: m, a: 1 }));
// Mostly valid values, so each kind is generated often; each key may still be absent or wrong.
const often = <T>(good: T[], bad: unknown[]) =>
  fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: opt(...bad) });
const jsonrpc = often(["2.0"], ["1.0", 2]);
const id = often<unknown>([1, 0, -3, "a", "", Number.MAX_SAFE_INTEGER], [1.5, null, true, 2 ** 60]);
const msgParams = fc.oneof(often<unknown>([{}, { a: 1 }], [[], null, "x"]), withMeta);
const foo = fc.oneof({ weight: 8, arbitrary: fc.constant(ABSENT) }, { weight: 1, arbitrary: fc.constant(1) });
const clean = (r: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(r).filter(([, v]) => v !== ABSENT));
const message = fc.oneof(
  fc.record({
    jsonrpc,
    id,
    method: often<unknown>(["ping", ""], [5]),
    params: fc.oneof(opt(), msgParams),
    foo,
  }),
  fc.record({
    jsonrpc,
    method: often<unknown>(["notifications/x"], [5]),
    params: fc.oneof(opt(), msgParams),
    foo,
  }),
  fc.record({ jsonrpc, id, result: fc.oneof(often<unknown>([{}], [[], null, 1]), withMeta), foo }),
  fc.record({
    jsonrpc,
    id: fc.oneof(opt(), id),
    error: often<unknown>([{ code: 1, message: "m" }, { code: -32600, message: "m", data: [1] }], [
      { code: 1.5, message: "m" },
      { code: 1 },
      { code: "1", message: "m" },
      null,
    ]),
    method: fc.oneof({ weight: 8, arbitrary: fc.constant(ABSENT) }, {
      weight: 1,
      arbitrary: fc.constant("x"),
    }),
    result: fc.oneof({ weight: 8, arbitrary: fc.constant(ABSENT) }, {
      weight: 1,
      arbitrary: fc.constant({}),
    }),
    foo,
  }),
).map(clean);

Deno.test("kindOf agrees with the SDK's JSONRPCMessageSchema on generated messages", () => {
  const sdkKind = (v: unknown) =>
    sdk.isJSONRPCRequest(v)
      ? "request"
      : sdk.isJSONRPCNotification(v)
      ? "notification"
      : sdk.isJSONRPCResultResponse(v)
      ? "result"
      : sdk.isJSONRPCErrorResponse(v)
      ? "error"
      : null;
  const seen = new Set<string | null>();
  fc.assert(
    fc.property(message, (m) => {
      const k = kindOf(m);
      seen.add(k);
      assertEquals(k, sdkKind(m), JSON.stringify(m));
      assertEquals(k !== null, sdk.JSONRPCMessageSchema.safeParse(m).success, JSON.stringify(m));
    }),
    { numRuns: 5000 },
  );
  assertEquals([...seen].sort(), ["error", "notification", "request", "result", null].sort());
});

const REQUEST_SCHEMAS: Record<string, { safeParse(v: unknown): { success: boolean } }> = {
  "initialize": sdk.InitializeRequestSchema,
  "tools/call": sdk.CallToolRequestSchema,
  "tools/list": sdk.ListToolsRequestSchema,
  "resources/read": sdk.ReadResourceRequestSchema,
  "resources/subscribe": sdk.SubscribeRequestSchema,
  "prompts/get": sdk.GetPromptRequestSchema,
  "completion/complete": sdk.CompleteRequestSchema,
  "logging/setLevel": sdk.SetLevelRequestSchema,
};

const value = fc.constantFrom<unknown>(
  ABSENT,
  "x",
  "",
  1,
  null,
  [],
  {},
  "debug",
  "warning",
  "nope",
  "ref/prompt",
  "ref/resource",
  { a: "b" },
  { a: 1 },
  { name: "n", version: "1" },
  { name: "n" },
  { type: "ref/prompt", name: "p" },
  { type: "ref/resource", uri: "u://x" },
  { type: "ref/other", name: "p" },
  { name: "a", value: "b" },
  { name: "a" },
  { arguments: { a: "b" } },
  { arguments: { a: 1 } },
);
const params = fc.oneof(
  fc.constantFrom<unknown>(ABSENT, null, [], "x"),
  fc.dictionary(
    fc.constantFrom(
      "name",
      "arguments",
      "uri",
      "level",
      "ref",
      "argument",
      "context",
      "protocolVersion",
      "capabilities",
      "clientInfo",
      "cursor",
    ),
    value,
  ).map((d) => Object.fromEntries(Object.entries(d).filter(([, v]) => v !== ABSENT))),
);

Deno.test("each method's params are refused exactly when the SDK's request schema refuses them", () => {
  for (const [method, schema] of Object.entries(REQUEST_SCHEMAS)) {
    const [fields, optional] = PARAMS[method];
    let refused = 0;
    fc.assert(
      fc.property(params, (p) => {
        const request = p === ABSENT ? { method } : { method, params: p };
        // A message's params are an object or absent (kindOf refuses the rest before a handler runs).
        if (p !== ABSENT && (typeof p !== "object" || p === null || Array.isArray(p))) return;
        const issues = paramsIssues(p === ABSENT ? undefined : p, fields, optional);
        if (issues.length) refused++;
        assertEquals(
          issues.length === 0,
          schema.safeParse(request).success,
          `${method} ${JSON.stringify(p)}`,
        );
        for (const i of issues) assert.match(i, /^params(\.\w+)*: expected /);
      }),
      { numRuns: 3000 },
    );
    assert.ok(refused > 0, `${method}: some params refused`);
  }
});
