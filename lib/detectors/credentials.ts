/**
 * Credentials: API keys and tokens with a known prefix, JWTs, bearer/basic
 * authorization headers, PEM private keys, connection strings with a password,
 * and labelled passwords/secrets ("password=…", "lösenordet är …", "api_key: …").
 * Spans cover the secret itself (the value, not the label) so the dialog can
 * mask exactly that, except for PEM keys where the span covers the key block.
 *
 * Linear time: every regex starts with a literal prefix (so the engine can search
 * for it natively) followed by a look-behind that only lets it begin at the start
 * of a token, then simple greedy character classes; no nested or overlapping
 * quantifiers. Labelled values are found with one regex search for the key words;
 * each key reads a bounded value, and a value after ':' or '=' is skipped so it is
 * never rescanned. The PEM body is read once.
 *
 * Not findings: SHA-256/SHA-1 hex digests, UUIDs and git hashes on their own,
 * placeholders (<password>, ***, xxx, ${ENV}, process.env.X, os.environ["X"],
 * os.getenv(…), your-api-key-here, empty, AWS documentation "EXAMPLE" keys),
 * code that reads secrets from the environment, password policy prose
 * ("lösenordet måste vara minst 12 tecken"), a "BEGIN PRIVATE KEY" line with no key.
 */
import type { RawFinding } from '../types';
import { textIndexOf, type Detector } from './detector';
import { findConnectionStrings } from './credentials/connection-strings';
import { CATEGORY, type Hit } from './credentials/hit';
import { findLabelled } from './credentials/labelled';
import { resolveOverlaps } from './credentials/overlaps';
import { findPem } from './credentials/pem';
import { findTokens } from './credentials/tokens';
import { DETECTOR_HINTS } from './text-needles';

export const credentialDetector: Detector = {
  id: 'credentials',
  detect(ctx) {
    const text = ctx.norm.text;
    const hits: Hit[] = [];
    findPem(text, hits);
    findTokens(text, hits);
    findConnectionStrings(text, hits);
    findLabelled(text, hits, textIndexOf(ctx).derived(DETECTOR_HINTS).credentialKeys);
    return resolveOverlaps(hits).map((h): RawFinding => ({ category: CATEGORY, rule: h.rule, start: h.start, end: h.end }));
  },
};

