import type { z } from 'zod';

/** Thrown when data in rules/ (or a policy) does not match its schema. */
export class DataValidationError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source} is invalid:\n  ${problems.join('\n  ')}`);
    this.name = 'DataValidationError';
  }
}

/** The most characters of an id or a field name a path repeats (a policy's mistakes are shown to every employee). */
const PATH_PART_LENGTH = 60;

const capped = (s: string) => (s.length > PATH_PART_LENGTH ? `${s.slice(0, PATH_PART_LENGTH)}…` : s);

/**
 * Formats a zod issue path as `rules[3] (id "email.address").severity`, naming
 * the rule by its id where the path passes through an object with one. Ids and
 * field names longer than 60 characters are cut.
 */
export function describePath(data: unknown, path: readonly PropertyKey[]): string {
  let out = '';
  let node: unknown = data;
  for (const key of path) {
    if (typeof key === 'number') {
      out += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      const id = node && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
      if (typeof id === 'string') out += ` (id "${capped(id)}")`;
    } else {
      out += out ? `.${capped(String(key))}` : capped(String(key));
      node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    }
  }
  return out || '(root)';
}

export function parseOrThrow<T extends z.ZodType>(schema: T, data: unknown, source: string): z.infer<T> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new DataValidationError(
    source,
    result.error.issues.map((issue) => `${describePath(data, issue.path)}: ${issue.message}`),
  );
}
