/** A problem the user can fix: `pnpm dev` prints its message alone, never a stack trace. */
export class DevError extends Error {
  name = 'DevError';
}

/** `path` relative to the working directory when it is inside it, for messages. */
export function shown(path, from = process.cwd()) {
  return path.startsWith(`${from}/`) ? path.slice(from.length + 1) : path;
}
