/**
 * Luhn (modulus 10, weights 2 and 1 from the right), as used by payment cards,
 * bankgiro and plusgiro numbers. Input must be ASCII digits only.
 */
export function luhnValid(digits: string): boolean {
  if (digits.length < 2) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let v = digits.charCodeAt(i) - 48;
    if (v < 0 || v > 9) return false;
    if (double) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
    double = !double;
  }
  return sum % 10 === 0;
}
