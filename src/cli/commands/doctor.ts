/** doctor's text form: one line per server, the evidence and the fix under a failure, the summary; exit 9
 * (check_failed) when a server failed or changed since its pin. On a terminal each server's line is also
 * a progress line on stderr as it arrives. */
import { op } from "../../ops/specs/doctor.ts";
import type { ExitCodeOf, ProgressOf, TextOf } from "../from_spec.ts";
import { doctorExitCode, reportText, serverLine } from "../../doctor/report.ts";

export { op };

export const text: TextOf<typeof op> = (r, s) => reportText(r, s);

export const exitCode: ExitCodeOf<typeof op> = doctorExitCode;

export const progress: ProgressOf<typeof op> = (p, s) => serverLine(p.item, s);
