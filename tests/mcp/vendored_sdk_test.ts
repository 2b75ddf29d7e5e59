/** src/vendor/mcp-sdk is exactly what scripts/vendor_mcp_server.ts makes from the SDK version deno.lock
 * resolves (an SDK upgrade fails here until the copies are made again and reviewed), and `serve` loads no
 * Ajv: the server's validator is form_validator.ts. */
import { assert, assertEquals } from "../core/assert.ts";
import { join } from "node:path";
import { VENDOR_DIR, vendoredFiles } from "../../scripts/vendor_mcp_server.ts";
import { formValidator } from "../../src/mcp/form_validator.ts";

Deno.test("the vendored McpServer and Server are the SDK's files, relative imports and the Ajv import aside", async () => {
  for (const [name, text] of Object.entries(await vendoredFiles())) {
    assertEquals(
      await Deno.readTextFile(join(VENDOR_DIR, name)),
      text,
      `${name} is stale: run scripts/vendor_mcp_server.ts`,
    );
  }
  const index = await Deno.readTextFile(join(VENDOR_DIR, "server_index.js"));
  assert.ok(!/from '[^']*ajv/i.test(index) && !/AjvJsonSchemaValidator/.test(index));
  assert.match(index, /this\._jsonSchemaValidator = options\?\.jsonSchemaValidator;/);
});

Deno.test("form_validator checks an elicitation answer against its flat form schema", () => {
  const schema = {
    type: "object",
    properties: {
      dir: { type: "string", minLength: 1 },
      mode: { type: "string", enum: ["a", "b"] },
      n: { type: "integer", minimum: 1, maximum: 3 },
      on: { type: "boolean" },
    },
    required: ["dir"],
  };
  const check = formValidator.getValidator(schema);
  assertEquals(check({ dir: "/x", mode: "a", n: 2, on: true }).valid, true);
  for (
    const [bad, why] of [
      [{}, "dir is required"],
      [{ dir: "" }, "dir is too short"],
      [{ dir: "/x", mode: "c" }, 'mode must be one of "a", "b"'],
      [{ dir: "/x", n: 1.5 }, "n must be an integer"],
      [{ dir: "/x", n: 9 }, "n is above 3"],
      [{ dir: "/x", on: "yes" }, "on must be true or false"],
      [{ dir: "/x", extra: 1 }, "extra is not a field of the form"],
      [[], "the answer must be an object"],
    ] as const
  ) {
    const r = check(bad);
    assertEquals([r.valid, r.errorMessage], [false, why], JSON.stringify(bad));
  }
});
