/**
 * Promptvakt's fixed extension ids. Chrome derives an extension's id from the
 * public key in its manifest; with this key every build (unpacked, CI, the
 * admin's test machine) has the same id, so managed policies keyed by id
 * (3rdparty.extensions.<id>) and ExtensionInstallForcelist entries work.
 * tests/unit/extension-id.test.ts checks that the id matches the key.
 */
export const MANIFEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtowFOwBHvajTlMxqMjmXvNaTEhgaj0m7QKjmfqiEd8fFYD1Mv/COB9/JA9mk9y9CpLMAi6VlDJLDcXgWgMzXJ55ns0eUy4F/uIA083YKZcJWQuekHv6RdHeR/vhwDQRfAqvN6TU2L02u+wt1gqvbUzIQNTKtER28FpRmi1Anvou6QNJ3zrjY4Fx8HZyuTEPv1SW0VwYscboTWjmMVB2bvpRlDg3z1zm6vm41jZ7yU+AnpQiqCjuDYTultwtXHZeYP0evxo+vbOh7NLK3StGlwrDcm1tP1l7/vXOTDcSBEjM3QpYjphK4adFwBMAo8a8/pB2ofN9EY8X6LgEyNl0zkQIDAQAB';

/** Chrome/Edge/Chromium id (derived from MANIFEST_KEY). */
export const CHROME_EXTENSION_ID = 'lbmjolhielahpanganfjglndgmepofmm';

/** Firefox (gecko) id. */
export const GECKO_EXTENSION_ID = 'promptvakt@promptvakt.se';
