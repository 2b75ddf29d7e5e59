/** The one detector (secret_spans.ts) and what builds on it: what is a literal secret, what is not. */
import { assert, assertEquals } from "./assert.ts";
import { type Place, secretSpans } from "../../src/core/secret_spans.ts";
import { extractSecrets, literalSecretFields, redactEntry } from "../../src/core/secret_extract.ts";
import { redactSecretAssignments } from "../../src/core/redact.ts";

const found = (s: string, place: Place) => secretSpans(s, place).map((x) => s.slice(x.start, x.end));

Deno.test("secret spans: each rule finds exactly the secret part", () => {
  const cases: [string, Place, string[]][] = [
    ["postgresql://me:hunter22@db/app", { kind: "arg" }, ["hunter22"]],
    ["mongodb+srv://me:p%40ss@cluster0.example.net/db", { kind: "env", key: "MONGO_URI" }, ["p%40ss"]],
    ["--api-key=abc123def", { kind: "arg" }, ["abc123def"]],
    ["--apiKey=abc123def", { kind: "arg" }, ["abc123def"]],
    ["abc123def", { kind: "arg", prev: "--api-key" }, ["abc123def"]],
    ["abc123def", { kind: "arg", prev: "--client-secret" }, ["abc123def"]],
    ["Authorization: Bearer abcdefgh12345", { kind: "arg", prev: "--header" }, ["abcdefgh12345"]],
    ["X-Api-Key:k-12345678", { kind: "arg", prev: "--header" }, ["k-12345678"]],
    ["GITHUB_TOKEN=tok-123456", { kind: "arg", prev: "-e" }, ["tok-123456"]],
    ["https://h/mcp?token=s3cr3t&x=1&apiKey=zz9", { kind: "url" }, ["s3cr3t", "zz9"]],
    ["https://h/cb#access_token=xyz123", { kind: "url" }, ["xyz123"]],
    ["run ghp_0123456789abcdefghijklmnopqrstuvwxyz now", { kind: "text" }, [
      "ghp_0123456789abcdefghijklmnopqrstuvwxyz",
    ]],
    ["Bearer sk-0123456789abcdefghijklmnop", { kind: "header", key: "Authorization" }, [
      "sk-0123456789abcdefghijklmnop",
    ]],
    ["plain-value", { kind: "env", key: "SLACK_BOT_TOKEN" }, ["plain-value"]],
    ["hunter22x", { kind: "arg", prev: "--pass" }, ["hunter22x"]],
    ["--db-pass=hunter22x", { kind: "arg" }, ["hunter22x"]],
    ["correct horse", { kind: "arg", prev: "--passphrase" }, ["correct horse"]],
  ];
  for (const [s, place, want] of cases) assertEquals(found(s, place), want, `${s} ${JSON.stringify(place)}`);
});

Deno.test("secret spans: ordinary values and references are not secrets", () => {
  const cases: [string, Place][] = [
    ["/home/x", { kind: "env", key: "DB_PATH" }],
    ["/home/x/mem.json", { kind: "env", key: "MEMORY_FILE_PATH" }],
    ["--port=8080", { kind: "arg" }],
    ["/home/me/.ssh/id.pem", { kind: "arg", prev: "--key" }],
    ["./key.pem", { kind: "arg", prev: "--private-key" }],
    ["name", { kind: "arg", prev: "--sort-key" }],
    ["--max-tokens", { kind: "arg" }],
    ["4096", { kind: "arg", prev: "--max-tokens" }],
    ["true", { kind: "arg", prev: "--token" }],
    ["--token", { kind: "arg", prev: "--api-key" }],
    ["postgresql://me@db/app", { kind: "arg" }],
    ["postgresql://db:5432/app", { kind: "arg" }],
    ["https://h/mcp?region=eu&page=2", { kind: "url" }],
    ["postgresql://me:${PG_PASSWORD}@db/app", { kind: "arg" }],
    ["--api-key=${API_KEY}", { kind: "arg" }],
    ["${API_KEY}", { kind: "arg", prev: "--api-key" }],
    ["https://h/mcp?token=${TOKEN}", { kind: "url" }],
    ["${GITHUB_TOKEN}", { kind: "env", key: "GITHUB_TOKEN" }],
    ["${env:GITHUB_TOKEN}", { kind: "env", key: "GITHUB_TOKEN" }],
    ["${input:github-token}", { kind: "env", key: "GITHUB_TOKEN" }],
    ["Bearer ${TOKEN}", { kind: "header", key: "Authorization" }],
    ["Authorization: Bearer ${TOKEN}", { kind: "arg", prev: "--header" }],
    ["C:\\Users\\me\\key.pem", { kind: "arg", prev: "--key" }],
    ["x", { kind: "arg", prev: "--pass-through" }],
    ["--bypass=1", { kind: "arg" }],
  ];
  for (const [s, place] of cases) assertEquals(found(s, place), [], `${s} ${JSON.stringify(place)}`);
});

Deno.test("extractSecrets is idempotent, keeps references and names predictably", () => {
  const entry = {
    command: "npx",
    args: ["-y", "pg", "postgresql://me:hunter22@db/app", "--api-key", "k-123456", "--token=${KEPT}"],
    env: { A: "1", DATABASE_URL: "mysql://r:pw-7788@h/db", GITHUB_TOKEN: "${GITHUB_TOKEN}" },
  };
  const x = extractSecrets("pg", entry, { PG_DB_PASSWORD: "another value" });
  assertEquals(x.entry, {
    command: "npx",
    args: [
      "-y",
      "pg",
      "postgresql://me:${PG_DB_PASSWORD_2}@db/app",
      "--api-key",
      "${PG_API_KEY}",
      "--token=${KEPT}",
    ],
    env: { A: "1", DATABASE_URL: "mysql://r:${PG_DB_PASSWORD_3}@h/db", GITHUB_TOKEN: "${GITHUB_TOKEN}" },
  });
  assertEquals(x.secrets, {
    PG_DB_PASSWORD_2: "hunter22",
    PG_API_KEY: "k-123456",
    PG_DB_PASSWORD_3: "pw-7788",
  });
  const again = extractSecrets("pg", x.entry, { ...x.secrets });
  assertEquals([again.entry, again.secrets], [x.entry, {}]);
  assertEquals(literalSecretFields(x.entry), []);
  assertEquals(literalSecretFields(entry).map((f) => f.field), ["args[2]", "args[4]", "env.DATABASE_URL"]);
  assertEquals(redactEntry(entry).args[2], "postgresql://me:***@db/app");
});

Deno.test("the diff redactor treats _PAT as a whole word (MEMORY_FILE_PATH stays) and hides secrets inside values", () => {
  assertEquals(
    redactSecretAssignments('"MEMORY_FILE_PATH": "/home/x/mem.json",'),
    '"MEMORY_FILE_PATH": "/home/x/mem.json",',
  );
  assertEquals(redactSecretAssignments('DB_PATH = "/home/x/db"'), 'DB_PATH = "/home/x/db"');
  assertEquals(redactSecretAssignments('"GITHUB_PAT": "pat-123456",'), '"GITHUB_PAT": "***",');
  const line = '+      "args": ["postgresql://me:hunter22@db/app", "--api-key=abc123xyz", "--port=8080"],';
  const out = redactSecretAssignments(line);
  assert.ok(!out.includes("hunter22") && !out.includes("abc123xyz") && out.includes("--port=8080"), out);
  assertEquals(
    redactSecretAssignments("+  url: https://h/mcp?token=s3cr3t&x=1"),
    "+  url: https://h/mcp?token=***&x=1",
  );
});

Deno.test("redactor names: PAT is a whole word (GITHUB_PAT hidden, DB_PATH shown), one rule everywhere", async () => {
  const { isSecretKeyName } = await import("../../src/core/secret_detect.ts");
  const { makeRedactor } = await import("../../src/deploy/redact.ts");
  const hidden = [
    "GITHUB_PAT",
    "MY_PAT_TOKEN",
    "GITLAB_PAT",
    "PAT",
    "GITHUB_TOKEN",
    "API_KEY",
    "apiKey",
    "client_secret",
    "DB_PASSWORD",
    "Authorization",
  ];
  const shown = [
    "PATH",
    "DB_PATH",
    "MEMORY_FILE_PATH",
    "PATTERN",
    "XDG_DATA_PATH",
    "PATHEXT",
    "SPATIAL",
    "KEYMAP",
  ];
  const redact = makeRedactor({});
  for (const n of hidden) {
    assert(isSecretKeyName(n), n);
    assertEquals(redact(`env.${n}`, "plainvalue"), "***", n);
    for (const line of [`"${n}": "/home/me/value"`, `${n} = "plainvalue"`, `  ${n}: plainvalue`]) {
      assert(redactSecretAssignments(line).includes("***"), line);
    }
  }
  for (const n of shown) {
    assert(!isSecretKeyName(n), n);
    for (const line of [`"${n}": "/home/me/value"`, `${n} = "plainvalue"`, `  ${n}: plainvalue`]) {
      assertEquals(redactSecretAssignments(line), line);
    }
    assertEquals(redact(`env.${n}`, "/home/me/value"), "/home/me/value");
  }
});
