/** Where each thing lives in the state folder (seed-compatible where the seed defined it). */
import { join } from "../platform/path.ts";

/** The layout of each state folder seen (one or two per process): every op asks for it, often several
 * times a call, and building it joins ~30 paths. */
const layouts = new Map<string, Layout>();

export function layout(home: string): Layout {
  let l = layouts.get(home);
  if (!l) {
    if (layouts.size >= 64) layouts.clear();
    l = build(home);
    layouts.set(home, l);
  }
  return l;
}

function build(home: string) {
  return Object.freeze({
    home,
    keysDir: join(home, "keys"),
    signingKey: join(home, "keys", "signing.key"),
    signingPub: join(home, "keys", "signing.pub"),
    trustedDir: join(home, "keys", "trusted"),
    trusted: (keyId: string) => join(home, "keys", "trusted", `${keyId}.pub`),
    artifactsDir: join(home, "artifacts"),
    artifact: (id: string) => join(home, "artifacts", `${id}.json`),
    indexDir: join(home, "index"),
    index: (client: string, profile: string) => join(home, "index", client, `${profile}.json`),
    draftsDir: join(home, "drafts"),
    draft: (client: string, profile: string) => join(home, "drafts", client, `${profile}.json`),
    deploymentsDir: join(home, "deployments"),
    deployments: (client: string) => join(home, "deployments", `${client}.jsonl`),
    deploymentsHead: (client: string) => join(home, "deployments", `${client}.head.json`),
    backupsDir: join(home, "backups"),
    backup: (sha: string) => join(home, "backups", sha),
    secrets: join(home, "secrets.json"),
    registryDir: join(home, "registry"),
    journalDir: join(home, "journal"),
    journal: (name: string) => join(home, "journal", `${name}.json`),
    headsDir: join(home, "heads"),
    head: (client: string, profile: string) => join(home, "heads", client, `${profile}.json`),
    pinsDir: join(home, "pins"),
    locksDir: join(home, "locks"),
    lock: (name: string) => join(home, "locks", `${name}.lock`),
    remotesFile: join(home, "remotes.json"),
    remotesDir: join(home, "remotes"),
    remoteRepo: (name: string) => join(home, "remotes", name, "repo.git"),
    remotePulled: (name: string) => join(home, "remotes", name, "pulled.json"),
  });
}

export type Layout = ReturnType<typeof build>;
