/**
 * The deploy engine, the layer between the store, the client records and the catalogue (below) and the
 * operations (above): choosing a verified artifact, resolving the target file, reading it, planning the
 * minimal edit, and the write protocol (lock, journal, backup, compare-and-swap write, signed log line).
 * deploy, rollback, restore, connect, status, history, diff and import call it through this module only
 * (tests/layers_test.ts).
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
