/** Where published artifacts are listed: the entry of a client/profile's signed index, and every index
 * that lists an artifact. Shared by get-config, verify and the deploy engine. */
import { AppError } from "../core/errors.ts";
import { checkName } from "../core/names.ts";
import type { Deps } from "../platform/deps.ts";
import { resolveArtifactId } from "./artifacts.ts";
import { trustedKeys } from "./keys.ts";
import { layout } from "./layout.ts";
import { indexedProfiles, type IndexEntry, type ProfileIndex, readIndex } from "./profile_index.ts";

/** Finds the index entry for a client/profile (latest, or the artifact ref given). `read`: the trusted
 * keys and this client/profile's verified index when the caller has read them already (not read again). */
export async function findPublished(
  deps: Deps,
  client: string,
  profile: string,
  artifactRef?: string,
  read?: { trusted: Map<string, string>; index: ProfileIndex | null },
): Promise<{ entry: IndexEntry; trusted: Map<string, string>; legacy: boolean }> {
  checkName("client", client);
  checkName("profile", profile);
  const trusted = read?.trusted ?? await trustedKeys(deps);
  const idx = read ? read.index : await readIndex(deps, client, profile, trusted);
  if (!idx || idx.entries.length === 0) {
    const where = `--client ${client}` + (profile === "default" ? "" : ` --profile ${profile}`);
    throw new AppError(
      "profile_not_found",
      `Nothing published for "${client}/${profile}": run publish-config ${where} first`,
      {
        client_id: client,
        profile_id: profile,
        // The profiles this client has published (the seed's contract).
        available_profiles: (await indexedProfiles(deps, client)).sort(),
      },
    );
  }
  const legacy = idx.legacy === true;
  if (artifactRef === undefined) return { entry: idx.entries.at(-1)!, trusted, legacy };
  const id = await resolveArtifactId(deps, artifactRef).catch((e) => {
    if (e instanceof AppError && e.code === "artifact_not_found") return "";
    throw e;
  });
  const entry = [...idx.entries].reverse().find((e) => e.artifact_id === id);
  if (!entry) {
    throw new AppError(
      "artifact_not_found",
      `Artifact "${artifactRef}" was never published for "${client}/${profile}"`,
      { artifact_id: artifactRef, client_id: client, profile_id: profile },
    );
  }
  return { entry, trusted, legacy };
}

/** Every (client, profile, version) whose signed index lists `id`. */
export async function whereIndexed(deps: Deps, id: string, trusted: Map<string, string>) {
  const clients = await deps.fs.readDir(layout(deps.home).indexDir);
  const pairs =
    (await Promise.all(clients.map(async (c) => (await indexedProfiles(deps, c)).map((p) => [c, p])))).flat();
  const found = await Promise.all(pairs.map(async ([client, profile]) => {
    const idx = await readIndex(deps, client, profile, trusted);
    return (idx?.entries ?? []).filter((e) => e.artifact_id === id)
      .map((e) => ({
        client_id: client,
        profile_id: profile,
        version: e.version,
        ...(idx?.legacy ? { legacy: true as const } : {}),
      }));
  }));
  return found.flat();
}
