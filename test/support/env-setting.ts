/**
 * A positive number from the environment for a benchmark or the chaos suite, or the fallback;
 * anything else stops the run naming the variable. No vitest: scripts run it under tsx.
 */
export function envSetting(name: string, fallback: number, options: { integer?: boolean } = {}): number {
  const value = Number(process.env[name] ?? fallback);
  const valid = Number.isFinite(value) && value > 0 && (!options.integer || Number.isInteger(value));
  if (!valid) throw new Error(`${name} must be a positive ${options.integer ? 'integer' : 'number'}, got ${process.env[name]}`);
  return value;
}
