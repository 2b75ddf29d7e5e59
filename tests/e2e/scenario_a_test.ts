import { assertTokenOnlyInSecrets, scenarioA, withScenarioHome } from "./scenarios.ts";

Deno.test("scenario A from the CLI alone: build, validate, publish; the token lives only in secrets.json", () =>
  withScenarioHome(async (ctx) => {
    const a = await scenarioA(ctx);
    await assertTokenOnlyInSecrets(a);
  }));
