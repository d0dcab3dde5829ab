import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHROME_EXTENSION_ID, MANIFEST_KEY } from '../../lib/extension-id';

describe('extension id', () => {
  it('is the one Chrome derives from the manifest key (sha256 of the key, first 32 hex digits as a–p)', () => {
    const hex = createHash('sha256').update(Buffer.from(MANIFEST_KEY, 'base64')).digest('hex').slice(0, 32);
    const id = [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
    expect(id).toBe(CHROME_EXTENSION_ID);
  });
});
