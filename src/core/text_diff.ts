/**
 * A unified line diff of two texts (common prefix and suffix trimmed, LCS on the middle), for
 * `--dry-run` and drift reports. Deterministic; large middles fall back to a block replace.
 *
 * @example
 * unifiedDiff("a\nb\n", "a\nc\n", "mcp.json") // "--- mcp.json\n+++ mcp.json\n@@ -2 +2 @@\n-b\n+c\n"
 */

const MAX_CELLS = 4_000_000;

type Op = { kind: " " | "-" | "+"; line: string };

function middleOps(a: string[], b: string[]): Op[] {
  if (a.length * b.length > MAX_CELLS) {
    return [...a.map((line) => ({ kind: "-" as const, line })), ...b.map((line) => ({ kind: "+" as const, line }))];
  }
  const n = a.length, m = b.length;
  const dp = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
    }
  }
  const ops: Op[] = [];
  let i = 0, j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ kind: " ", line: a[i] });
      i++, j++;
    } else if (dp[i + 1][j] >= dp[i][j + 1]) ops.push({ kind: "-", line: a[i++] });
    else ops.push({ kind: "+", line: b[j++] });
  }
  while (i < n) ops.push({ kind: "-", line: a[i++] });
  while (j < m) ops.push({ kind: "+", line: b[j++] });
  return ops;
}

function splitLines(t: string): string[] {
  if (t === "") return [];
  const lines = t.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/** Unified diff with `context` lines around each change; "" when the texts are equal. */
export function unifiedDiff(oldText: string, newText: string, label: string, context = 3): string {
  if (oldText === newText) return "";
  const a = splitLines(oldText), b = splitLines(newText);
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const ops: Op[] = [
    ...a.slice(0, pre).map((line) => ({ kind: " " as const, line })),
    ...middleOps(a.slice(pre, a.length - suf), b.slice(pre, b.length - suf)),
    ...a.slice(a.length - suf).map((line) => ({ kind: " " as const, line })),
  ];
  // Group changes into hunks.
  const out = [`--- ${label}`, `+++ ${label}`];
  let k = 0;
  let oldNo = 1, newNo = 1;
  const pos: { o: number; n: number }[] = ops.map((op) => {
    const p = { o: oldNo, n: newNo };
    if (op.kind !== "+") oldNo++;
    if (op.kind !== "-") newNo++;
    return p;
  });
  while (k < ops.length) {
    if (ops[k].kind === " ") {
      k++;
      continue;
    }
    let start = Math.max(0, k - context);
    let end = k;
    for (;;) {
      while (end < ops.length && ops[end].kind !== " ") end++;
      let next = end;
      while (next < ops.length && ops[next].kind === " ") next++;
      if (next < ops.length && next - end <= 2 * context) end = next;
      else break;
    }
    const stop = Math.min(ops.length, end + context);
    const hunk = ops.slice(start, stop);
    const oCount = hunk.filter((o) => o.kind !== "+").length;
    const nCount = hunk.filter((o) => o.kind !== "-").length;
    const oStart = oCount ? pos[start].o : pos[start].o - 1;
    const nStart = nCount ? pos[start].n : pos[start].n - 1;
    out.push(`@@ -${oStart}${oCount === 1 ? "" : "," + oCount} +${nStart}${nCount === 1 ? "" : "," + nCount} @@`);
    for (const o of hunk) out.push(o.kind + o.line);
    k = stop;
    start = stop;
  }
  if (!oldText.endsWith("\n") && oldText !== "" || !newText.endsWith("\n") && newText !== "") {
    out.push("\\ (final newline differs or is absent)");
  }
  return out.join("\n") + "\n";
}
