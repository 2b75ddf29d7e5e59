/**
 * The deploy engine, the layer between the store, the client records and the catalogue (below) and the
 * operations (above): choosing a verified artifact, resolving the target file, reading it, planning the
 * minimal edit, and the write protocol (lock, journal, backup, compare-and-swap write, signed log line).
 * This file lists the engine's public modules and what each offers: ops import from those modules
 * themselves, never from this file (tests/layers_test.ts), and never from a module not listed here. An ES
 * module loads everything it re-exports, so an op importing this file brought the whole engine (zod, the
 * catalogue's 34 JSON files, every codec) into every command: `list-clients` took 328 ms instead of 119.
 */
export { applyArtifact, type ApplyInput, checkSecretsMode, type DeployResult, renderAll } from "./apply.ts";
export { artifactToDeploy, type ChosenArtifact, type IndexWitness } from "./deploy_artifact.ts";
export { recordedTarget, resolveTarget, type Target, type TargetOptions } from "./deploy_target.ts";
export { readConfigFile } from "./config_file.ts";
export { commitFileWrite } from "./file_commit.ts";
export { deploymentsOf, settleClient, withConfigLock } from "./pending.ts";
export { entryHash, startText } from "./deploy_plan.ts";
export { contradiction } from "./index_witness.ts";
export {
  clientFilePath,
  clientInstalled,
  clientPresence,
  type FileLocation,
  readClientServers,
} from "./client_file.ts";
export { makeRedactor } from "./redact.ts";
export {
  effectiveEntry,
  findShadows,
  type PlaceServers,
  projectDirOf,
  readPlaces,
  type Shadow,
  shadowNames,
} from "./shadowing.ts";
export { checkProjectDir } from "./project_dir.ts";
export { publish, type PublishInput, type PublishResult } from "./publish.ts";
export { factsOf, type ValidateConfigResult, validateDraft } from "./validate.ts";
export {
  checkArtifacts,
  checkDeployments,
  checkFolders,
  checkIndexes,
  checkJournal,
  checkKeys,
  checkPrivateMode,
  checkWitness,
  type Finding,
  type Report,
} from "./verify_all_checks.ts";
export { checkArtifactSecrets, checkDraftSecrets, checkRegistrySecrets } from "./verify_all_secrets.ts";
