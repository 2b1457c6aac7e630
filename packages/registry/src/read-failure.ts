/** Why a file could not be read, for a message: `does not exist`, `is a directory`, … */
export function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'does not exist';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES') return 'is not readable';
  return `cannot be read (${code ?? 'unknown error'})`;
}
