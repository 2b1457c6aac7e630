import type { z } from 'zod';

/** One line per bad variable, naming it: `invalid environment: S3_BUCKET is required; ...`. */
export function formatEnvError(error: z.ZodError): string {
  const problems = error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is required but not set' : issue.message;
    return `${name} ${message}`;
  });
  return `invalid environment: ${problems.join('; ')}`;
}
