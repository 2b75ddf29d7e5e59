/**
 * Fault injection and in-process crashes in publish and add-server: the k-th file-system call fails
 * (EIO, ENOSPC, EACCES), or every call from the k-th on fails (a crash), for every k. The latest publish
 * is the old or the new one, the draft holds the old or the new server list, the store passes verify
 * --all, the error is an io_error naming the operation and path, and a retry succeeds.
 */
import { assert, assertEquals } from "../core/assert.ts";
import { SAMPLE_PAYLOAD, type TempHome, withHome } from "../helpers/home.ts";
import { faultFs, type OsCode, osError } from "../helpers/fault_fs.ts";
import { realFs } from "../../src/platform/fs.ts";
import { AppError } from "../../src/core/errors.ts";
import type { Deps } from "../../src/platform/deps.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import { getConfig } from "../../src/ops/get_config.ts";
import { addServer } from "../../src/ops/add_server.ts";
import { readDraft } from "../../src/store/drafts.ts";
import { readSecrets } from "../../src/store/secrets.ts";
import { verifyAll } from "../../src/ops/verify_all.ts";
import { artifactIdOf } from "../../src/core/digest.ts";

export type Mode = OsCode | "crash";

/** Runs `op` with the k-th call failing (or crashing) for k = 1, 2, ... until it needs fewer calls;
 * `check` runs after each attempt with a healthy deps; returns how many calls the op made. */
export async function everyK(
  h: TempHome,
  mode: Mode,
  op: (d: Deps, k: number) => Promise<unknown>,
  check: (failed: boolean, k: number) => Promise<void>,
) {
  for (let k = 1; k < 500; k++) {
    const fs = mode === "crash"
      ? faultFs(realFs, { failAt: k, crash: true })
      : faultFs(realFs, { failAt: k, error: (m, p) => osError(mode, m, p) });
    let failure: unknown = null;
    try {
      await op(h.deps(fs), k);
    } catch (e) {
      failure = e;
    }
    if (failure !== null) {
      assert.ok(failure instanceof AppError, `k=${k}: ${failure}`);
      assertEquals(failure.code, "io_error", `k=${k}: ${failure.message}`);
      assert.match(
        failure.message,
        /^Cannot [a-z ]+ "\/[^"]*"( to "[^"]+")?: /,
        `k=${k}: ${failure.message}`,
      );
    }
    await verifyAll(h.deps());
    await check(failure !== null, k);
    if (failure === null) return k - 1;
  }
  throw new Error("never completed");
}

/** publish with the k-th call failing, every k; returns how many calls a publish made. */
export function publishSweep(mode: Mode): Promise<number> {
  let steps = 0;
  return withHome(async (h) => {
    await init(h.deps());
    let latest = (await publish(h.deps(), { client: "cursor", profile: "default", payload: SAMPLE_PAYLOAD }))
      .artifact_id;
    let version = 1;
    steps = await everyK(h, mode, async (d, k) => {
      await publish(d, { client: "cursor", profile: "default", payload: payloadFor(k), changelog: `k=${k}` });
    }, async (_failed, k) => {
      const next = await artifactIdOf(payloadFor(k));
      const now = await getConfig(h.deps(), { client: "cursor", profile: "default" });
      assert.ok([latest, next].includes(now.artifact_id), `k=${k}: latest is neither old nor new`);
      if (now.artifact_id === latest) {
        const retry = await publish(h.deps(), {
          client: "cursor",
          profile: "default",
          payload: payloadFor(k),
        });
        assertEquals(retry.status, "published", `k=${k}`);
      }
      version++;
      assertEquals(
        (await getConfig(h.deps(), { client: "cursor", profile: "default" })).version,
        version,
        `k=${k}`,
      );
      latest = next;
    });
    assert.ok(steps >= 15, `saw ${steps} steps`);
  }).then(() => steps);
}

/** add-server with the k-th call failing, every k; returns how many calls an add-server made. */
export function addServerSweep(mode: Mode): Promise<number> {
  let steps = 0;
  return withHome(async (h) => {
    let names: string[] = [];
    const add = (d: Deps, k: number, replace = false) =>
      addServer(d, {
        id: `s${k}`,
        client: "cursor",
        command: "npx",
        args: ["-y", `pkg-${k}`],
        env: { S_TOKEN: `tok-${k}-0123456789` },
        replace,
      });
    steps = await everyK(h, mode, (d, k) => add(d, k), async (_failed, k) => {
      const now = (await readDraft(h.deps(), "cursor", "default")).servers.map((s) => s.name);
      const landed = now.includes(`s${k}`);
      assertEquals(now, landed ? [...names, `s${k}`] : names, `k=${k}`);
      assertEquals((await add(h.deps(), k, true)).action, landed ? "replaced" : "added", `k=${k}`);
      assertEquals((await readSecrets(h.deps())).S_TOKEN, `tok-${k}-0123456789`);
      names = [...names, `s${k}`];
    });
    assert.ok(steps >= 10, `saw ${steps} steps`);
  }).then(() => steps);
}

for (const mode of ["EIO", "ENOSPC", "EACCES", "crash"] as Mode[]) {
  Deno.test(`publish with the k-th file-system call failing (${mode}), every k: old or new latest, verified store, retry succeeds`, async () => {
    await publishSweep(mode);
  });
  Deno.test(`add-server with the k-th file-system call failing (${mode}), every k: old or new draft, retry succeeds`, async () => {
    await addServerSweep(mode);
  });
}

function payloadFor(k: number) {
  return { mcpServers: { [`srv-${k}`]: { command: "uvx", args: [`mcp-server-${k}`] } } };
}
