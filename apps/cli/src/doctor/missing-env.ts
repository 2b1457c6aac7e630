/** The `os.environ/NAME` references of a config text whose variable is unset or empty, with the lines that use each. */
export function missingEnvReferences(text: string, env: Record<string, string | undefined>): Map<string, number[]> {
  const missing = new Map<string, number[]>();
  text.split('\n').forEach((line, index) => {
    const withoutComment = line.replace(/\s#.*$/, '');
    for (const match of withoutComment.matchAll(/os\.environ\/([A-Za-z_][A-Za-z0-9_]*)/g)) {
      const name = match[1]!;
      if ((env[name] ?? '').trim() !== '') continue;
      missing.set(name, [...(missing.get(name) ?? []), index + 1]);
    }
  });
  return missing;
}

/** Stands in for an unset variable so the rest of the config can still be checked; never sent to a vendor. */
export const UNSET_PLACEHOLDER = 'reelay-doctor-unset-variable';
