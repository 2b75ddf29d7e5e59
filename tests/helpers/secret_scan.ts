/**
 * The secrets containment check run after every e2e workflow: every value secrets.json holds (current
 * and replaced ones) is found only in secrets.json and in the client files that need it literally, all
 * of them mode 0600, and in no command output or MCP result.
 */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";

/** Every file under `root` (recursive). */
async function filesUnder(root: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(root)) {
    const p = join(root, e.name);
    if (e.isDirectory) out.push(...await filesUnder(p));
    else if (e.isFile) out.push(p);
  }
  return out.sort();
}

/** The values secrets.json holds, current and replaced (at least 6 characters: shorter ones could
 * occur anywhere by chance). */
export async function secretValuesIn(home: string): Promise<string[]> {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(await Deno.readTextFile(join(home, "secrets.json")));
  } catch {
    return [];
  }
  const values: string[] = [];
  for (const v of Object.values(doc)) {
    if (typeof v === "string") values.push(v);
    else if (v && typeof v === "object") {
      for (const list of Object.values(v)) if (Array.isArray(list)) values.push(...list);
    }
  }
  return values.filter((v) => v.length >= 6);
}

export interface ScanOptions {
  /** The temp user home (every file under it is scanned). */
  dir: string;
  /** The state folder. */
  home: string;
  /** Client files that may hold the values literally. */
  literalFiles?: string[];
  /** Every stdout/stderr text and MCP result of the workflow. */
  outputs?: string[];
  /** Values to look for besides those in secrets.json. */
  values?: string[];
}

/** Asserts the containment rule; returns the files that hold a value. */
export async function assertSecretsContained(o: ScanOptions): Promise<string[]> {
  const values = [...await secretValuesIn(o.home), ...(o.values ?? [])];
  assert.ok(values.length > 0, "the workflow stored no secret: nothing to scan for");
  const allowed = new Set([join(o.home, "secrets.json"), ...(o.literalFiles ?? [])]);
  const holders: string[] = [];
  for (const f of await filesUnder(o.dir)) {
    const text = new TextDecoder().decode(await Deno.readFile(f));
    if (values.some((v) => text.includes(v))) holders.push(f);
  }
  assertEquals(
    holders.filter((f) => !allowed.has(f)),
    [],
    "secret values found outside secrets.json and the client files",
  );
  for (const f of holders) {
    if (Deno.build.os !== "windows") {
      assertEquals((await Deno.stat(f)).mode! & 0o777, 0o600, `${f} holds a secret value`);
    }
  }
  for (const [i, out] of (o.outputs ?? []).entries()) {
    const leaked = values.find((v) => out.includes(v));
    assert.ok(!leaked, `output #${i} carries a secret value: ${out.slice(0, 200)}`);
  }
  return holders;
}
