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

/**
 * Formats a zod issue path as `rules[3] (id "email.address").severity`, naming
 * the rule by its id where the path passes through an object with one.
 */
export function describePath(data: unknown, path: readonly PropertyKey[]): string {
  let out = '';
  let node: unknown = data;
  for (const key of path) {
    if (typeof key === 'number') {
      out += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      const id = node && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
      if (typeof id === 'string') out += ` (id "${id}")`;
    } else {
      out += out ? `.${String(key)}` : String(key);
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
