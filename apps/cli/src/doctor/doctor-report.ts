import type { Finding } from '@reelay/probes';

const COLUMNS = [
  ['group', 'MODEL GROUP', 24],
  ['deployment', 'DEPLOYMENT', 24],
  ['provider', 'PROVIDER', 11],
  ['result', 'RESULT', 19],
] as const;
/** The vendor's words are long (whole error bodies); the table shows their start, --json all of them. */
const VENDOR_WORDS = 90;

/**
 * The table a person reads at a glance: one line per row with the columns that fit, then the
 * cause, the fix and what the vendor said, indented under it. Rows that are not `ok` come first.
 */
export function renderTable(findings: readonly Finding[]): string {
  const sorted = [...findings].sort((a, b) => Number(a.result === 'ok') - Number(b.result === 'ok'));
  const header = COLUMNS.map(([, title, width]) => title.padEnd(width)).join(' ');
  const lines = [header.trimEnd()];
  for (const finding of sorted) {
    lines.push(COLUMNS.map(([key, , width]) => fit(String(finding[key] ?? '-'), width)).join(' ').trimEnd());
    if (finding.result === 'ok') continue;
    lines.push(`    cause: ${finding.cause}`);
    if (finding.fix) lines.push(`    fix:   ${finding.fix}`);
    if (finding.vendorSaid) lines.push(`    vendor said: ${finding.vendorSaid.length > VENDOR_WORDS ? `${finding.vendorSaid.slice(0, VENDOR_WORDS - 1)}…` : finding.vendorSaid}`);
  }
  const bad = findings.filter((finding) => finding.result !== 'ok').length;
  lines.push('', bad === 0 ? `all ${findings.length} checks ok` : `${bad} of ${findings.length} rows need attention`);
  return `${lines.join('\n')}\n`;
}

export function renderJson(findings: readonly Finding[], meta: Record<string, unknown>): string {
  return `${JSON.stringify({ ...meta, ok: findings.every((finding) => finding.result === 'ok'), findings }, null, 2)}\n`;
}

function fit(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}
