import { join } from "node:path";
import { assert, assertEquals, assertRejects, assertRejectsCode } from "../core/assert.ts";
import { withHome } from "../helpers/home.ts";
import { addServer } from "../../src/ops/add_server.ts";
import { removeServer } from "../../src/ops/remove_server.ts";
import { viewDraft } from "../../src/ops/view_draft.ts";
import { clearDraft } from "../../src/ops/clear_draft.ts";
import { readSecrets } from "../../src/store/secrets.ts";
import { AppError } from "../../src/core/errors.ts";

const TOKEN = "ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

Deno.test("add-server: catalogue server with params, defaults, summary; duplicates need --replace", () =>
  withHome(async (h) => {
    const d = h.deps();
    const r = await addServer(d, { id: "filesystem", params: { allowed_directory: ["/a", "/b"] } });
    assertEquals([r.action, r.client_id, r.profile_id, r.server_count, r.servers], [
      "added",
      "claude-desktop",
      "default",
      1,
      ["filesystem"],
    ]);
    const v = await viewDraft(d, {});
    assertEquals(v.entries[0].entry, {
      command: "npx",
      args: ["-y", "@modelcontextprotocol/server-filesystem", "/a", "/b"],
    });
    assertEquals(v.entries[0].params, { allowed_directory: ["/a", "/b"] });
    await assertRejectsCode(
      () => addServer(d, { id: "filesystem", params: { allowed_directory: "/c" } }),
      "already_exists",
    );
    assertEquals(
      (await addServer(d, { id: "filesystem", params: { allowed_directory: "/c" }, replace: true })).action,
      "replaced",
    );
    assertEquals(
      (await addServer(d, { id: "filesystem", name: "fs2", params: { allowed_directory: "/d" } })).servers,
      ["filesystem", "fs2"],
    );
    // Unknown params are refused with the known ones.
    const e = await assertRejects(
      () => addServer(d, { id: "memory", params: { nope: "1" } }),
      "invalid_input",
    );
    assert.ok(e instanceof AppError);
    assert.ok((e.details.known as string[]).includes("MEMORY_FILE_PATH"));
    await assertRejectsCode(() => addServer(d, { id: "filesystm" }), "server_not_found");
    await assertRejectsCode(() => addServer(d, { id: "memory", client: "nope" }), "client_not_found");
    await assertRejectsCode(
      () => addServer(d, { id: "memory", transport: "carrier-pigeon" }),
      "invalid_input",
    );
  }));

Deno.test("add-server: secret values go to secrets.json only; the draft holds ${VAR}", () =>
  withHome(async (h) => {
    const d = h.deps();
    const r = await addServer(d, { id: "github", env: { GITHUB_PERSONAL_ACCESS_TOKEN: TOKEN } });
    assertEquals(r.secrets_stored, ["GITHUB_PERSONAL_ACCESS_TOKEN"]);
    assertEquals((await readSecrets(d)).GITHUB_PERSONAL_ACCESS_TOKEN, TOKEN);
    const text = await Deno.readTextFile(join(h.home, "drafts", "claude-desktop", "default.json"));
    assert.ok(!text.includes(TOKEN));
    assert.ok(text.includes("${GITHUB_PERSONAL_ACCESS_TOKEN}"));
    const v = await viewDraft(d, {});
    assertEquals(v.entries[0].secret_refs, [{ name: "GITHUB_PERSONAL_ACCESS_TOKEN", stored: true }]);
    assertEquals(v.entries[0].env, {});
    // Without the token: added with a warning naming what is missing.
    const w = await addServer(d, { id: "github", name: "gh2" });
    assertEquals(w.missing.env, ["GITHUB_PERSONAL_ACCESS_TOKEN"]);
    assert.match(w.warnings.join("\n"), /requires GITHUB_PERSONAL_ACCESS_TOKEN/);
  }));

Deno.test("add-server: custom --command and --url servers; auth headers and secret env become refs", () =>
  withHome(async (h) => {
    const d = h.deps();
    await addServer(d, {
      id: "tool",
      command: "mytool",
      args: ["--x"],
      env: { API_KEY: "k-123456", MODE: "fast" },
    });
    await addServer(d, {
      id: "acme",
      url: "https://acme.example/mcp",
      headers: { Authorization: "Bearer abc123456789" },
      transport: "sse",
    });
    const v = await viewDraft(d, {});
    assertEquals(v.entries[0].entry, {
      command: "mytool",
      args: ["--x"],
      env: { API_KEY: "${API_KEY}", MODE: "fast" },
    });
    assertEquals(v.entries[0].env, { MODE: "fast" });
    assertEquals(v.entries[1].entry, {
      type: "sse",
      url: "https://acme.example/mcp",
      headers: { Authorization: "Bearer ${ACME_TOKEN}" },
    });
    assertEquals(await readSecrets(d), { ACME_TOKEN: "abc123456789", API_KEY: "k-123456" });
    await assertRejectsCode(() => addServer(d, { id: "bad", url: "ftp://x" }), "invalid_input");
    await assertRejectsCode(
      () => addServer(d, { id: "bad", command: "x", url: "https://x" }),
      "invalid_input",
    );
    await assertRejectsCode(
      () => addServer(d, { id: "bad", command: "x", params: { a: "1" } }),
      "invalid_input",
    );
    await assertRejectsCode(() => addServer(d, { id: "bad name", command: "x" }), "invalid_input");
  }));

Deno.test("remove-server, view-draft and clear-draft print the summary", () =>
  withHome(async (h) => {
    const d = h.deps();
    assertEquals((await viewDraft(d, { client: "cursor" })).exists, false);
    await addServer(d, { id: "memory", client: "cursor", profile: "p" });
    await addServer(d, { id: "time", client: "cursor", profile: "p" });
    const r = await removeServer(d, { name: "memory", client: "cursor", profile: "p" });
    assertEquals([r.server_count, r.servers], [1, ["time"]]);
    await assertRejectsCode(
      () => removeServer(d, { name: "memory", client: "cursor", profile: "p" }),
      "server_not_found",
    );
    const c = await clearDraft(d, { client: "cursor", profile: "p" });
    assertEquals([c.removed, c.server_count], [["time"], 0]);
    assertEquals((await viewDraft(d, { client: "cursor", profile: "p" })).exists, false);
  }));
