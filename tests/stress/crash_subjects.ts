/**
 * What the crash harness runs and checks, per command: the next command line, and after each run the
 * check that the state is the old or the new version (the new one after an uncut run).
 */
import { join } from "node:path";
import { assert } from "../core/assert.ts";
import type { TempHome } from "../helpers/home.ts";
import { artifactIdOf } from "../../src/core/digest.ts";
import { getConfig } from "../../src/ops/get_config.ts";
import { init } from "../../src/ops/init.ts";
import { readDraft } from "../../src/store/drafts.ts";
import { type DeployFixture, sameBytes } from "../reliability/deploy_fixture.ts";
import type { CrashCommand } from "./crash.ts";

export interface Subject {
  command: CrashCommand;
  /** The next command line (its expected new state is remembered). */
  next(): Promise<string[]> | string[];
  /** Checks the state after a run: old or new, new when `uncut`. Returns true when it is the new one. */
  observe(uncut: boolean): Promise<boolean>;
  /** Files whose modification marks the command's write phase. */
  watched(): string[];
}

/** Deploys alternate between profiles a and b (or roll back to the other): the file is A or B bytes. */
function fileSubject(command: CrashCommand, fx: DeployFixture): Subject {
  let current = fx.bytesA;
  let target = fx.bytesB;
  return {
    command,
    next() {
      target = sameBytes(current, fx.bytesA) ? fx.bytesB : fx.bytesA;
      const profile = target === fx.bytesA ? "a" : "b";
      return command === "rollback"
        ? ["rollback", "--client", "cursor"]
        : ["deploy-config", "--client", "cursor", "--profile", profile];
    },
    async observe(uncut) {
      const now = await Deno.readFile(fx.file);
      const landed = sameBytes(now, target);
      assert.ok(
        landed || sameBytes(now, current),
        `${command}: the client file is neither the old nor the new version`,
      );
      assert.ok(landed || !uncut, `${command}: an uncut run did not land`);
      if (landed) current = target;
      return landed;
    },
    watched: () => [fx.file, join(fx.file, "..", "..", ".mcp-orchestration", "deployments", "cursor.jsonl")],
  };
}

/** Each run publishes a new payload: the latest publish is the previous one or the new one. */
async function publishSubject(h: TempHome): Promise<Subject> {
  await init(h.deps());
  await Deno.mkdir(join(h.userHome, "payloads"));
  let i = 0;
  let latest: string | null = null;
  let next = "";
  return {
    command: "publish-config",
    async next() {
      i++;
      const payload = {
        mcpServers: { [`srv-${i}`]: { command: "uvx", args: [`mcp-server-${i}`, "--flag", "a b"] } },
      };
      const file = join(h.userHome, "payloads", `p-${i}.json`);
      Deno.writeTextFileSync(file, JSON.stringify(payload));
      next = await artifactIdOf(payload);
      return ["publish-config", "--client", "cursor", "--file", file, "--changelog", `run ${i}`];
    },
    async observe(uncut) {
      const now = (await getConfig(h.deps(), { client: "cursor", profile: "default" }).catch(() => null))
        ?.artifact_id ?? null;
      assert.ok(
        now === latest || now === next,
        `publish-config: the latest publish is neither the old nor the new one`,
      );
      assert.ok(now === next || !uncut, "publish-config: an uncut run did not land");
      const landed = now === next && now !== latest;
      latest = now;
      return landed;
    },
    watched: () => [
      join(h.home, "artifacts"),
      join(h.home, "index", "cursor", "default.json"),
      join(h.home, "heads", "cursor", "default.json"),
    ],
  };
}

/** Each run adds a new custom server with a secret: the draft is the old list or the old list plus it. */
function addServerSubject(h: TempHome): Subject {
  let i = 0;
  let names: string[] = [];
  return {
    command: "add-server",
    next() {
      i++;
      return [
        "add-server",
        `s${i}`,
        "--client",
        "cursor",
        "--command",
        "npx",
        "--arg",
        `pkg-${i}`,
        "--arg",
        "a b; c",
        "--env",
        `S${i}_TOKEN=tok-${i}-abcdef123456`,
      ];
    },
    async observe(uncut) {
      const now = (await readDraft(h.deps(), "cursor", "default")).servers.map((s) => s.name);
      const grown = [...names, `s${i}`];
      const landed = JSON.stringify(now) === JSON.stringify(grown);
      assert.ok(
        landed || JSON.stringify(now) === JSON.stringify(names),
        `add-server: the draft is neither old nor new: ${now.slice(-3)}`,
      );
      assert.ok(landed || !uncut, "add-server: an uncut run did not land");
      if (landed) names = grown;
      return landed;
    },
    watched: () => [join(h.home, "secrets.json"), join(h.home, "drafts", "cursor", "default.json")],
  };
}

/** The subject of a command in a prepared home (`fx`: the deploy fixture, for deploy and rollback). */
export async function subjectFor(
  command: CrashCommand,
  h: TempHome,
  fx: DeployFixture | null,
): Promise<Subject> {
  if (command === "deploy-config" || command === "rollback") return fileSubject(command, fx!);
  if (command === "publish-config") return await publishSubject(h);
  await init(h.deps());
  return addServerSubject(h);
}
