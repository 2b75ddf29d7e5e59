/** On a terminal, doctor shows each result on stderr as it arrives; never with --format json. */
import { assert, assertEquals } from "../core/assert.ts";
import { runCli } from "../../src/cli/program.ts";
import { makeDeps } from "../../src/platform/make_deps.ts";
import { allClientFiles } from "../../src/clients/allowed_files.ts";
import { withHome } from "../helpers/home.ts";
import { claudeFile, nodeEntry } from "./helpers.ts";

Deno.test("doctor progress: one stderr line per server on a terminal, none with --format json", () =>
  withHome(async (h) => {
    await claudeFile(h, { good: nodeEntry("ok.mjs"), exits: nodeEntry("exits.mjs") });
    const run = async (args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(["doctor", "--timeout", "20", ...args], {
        io: { out: (s) => out.push(s), err: (s) => err.push(s) },
        makeDeps: (home) =>
          Promise.resolve(makeDeps({ home, env: h.env, os: "linux", clientFiles: allClientFiles })),
        version: "0",
        exitCode: 0,
        progress: true,
      });
      return { code, out: out.join(""), err: err.join("") };
    };
    const text = await run([]);
    assertEquals(text.code, 9);
    assertEquals(text.err.trim().split("\n").length, 2, text.err);
    assert.match(text.err, /^\[\d\/2\] ✘ claude-code\/exits \(stdio\): exited/m);
    assert.match(text.err, /^\[\d\/2\] ✔ claude-code\/good/m);
    const json = await run(["--format", "json"]);
    assertEquals([json.code, json.err], [9, ""]);
    assertEquals(JSON.parse(json.out).summary, { ok: 1, failed: 1, skipped: 0, changed: 0, suspicious: 0 });
  }));
