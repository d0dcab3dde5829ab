/**
 * Skatteverket's official test personnummer (open data, CC0): numbers that are
 * valid but assigned to no real person, so test data can be told from real
 * data. The list ships compactly in rules/test-personnummer.json (see
 * scripts/build-test-personnummer.ts) and is decoded on first use.
 *
 * Encoding: each number becomes key = dayIndex * 1000 + födelsenummer, where
 * dayIndex counts days since 1890-01-01 (the check digit follows from Luhn);
 * the sorted keys are stored as LEB128 varint deltas, zlib-compressed, base64.
 */
import { unzlibSync, zlibSync } from 'fflate';
import { fromBase64, toBase64 } from '../text/base64';

const EPOCH = Date.UTC(1890, 0, 1);
const DAY_MS = 86_400_000;

export function testNumberKey(year: number, month: number, day: number, serial: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - EPOCH) / DAY_MS) * 1000 + serial;
}

export function encodeTestNumberKeys(keys: number[]): string {
  const sorted = [...new Set(keys)].sort((a, b) => a - b);
  const bytes: number[] = [];
  let previous = 0;
  for (const key of sorted) {
    let delta = key - previous;
    previous = key;
    while (delta >= 0x80) {
      bytes.push((delta & 0x7f) | 0x80);
      delta = Math.floor(delta / 0x80);
    }
    bytes.push(delta);
  }
  return toBase64(zlibSync(Uint8Array.from(bytes), { level: 9 }));
}

export function decodeTestNumberKeys(encoded: string): Int32Array {
  const bytes = unzlibSync(fromBase64(encoded));
  const keys: number[] = [];
  let previous = 0;
  for (let i = 0; i < bytes.length; ) {
    let delta = 0;
    let scale = 1;
    let byte: number;
    do {
      byte = bytes[i++]!;
      delta += (byte & 0x7f) * scale;
      scale *= 0x80;
    } while (byte & 0x80);
    previous += delta;
    keys.push(previous);
  }
  return Int32Array.from(keys);
}

/** A sorted key list with binary search. */
export class TestNumberRegistry {
  constructor(private readonly keys: Int32Array) {}

  get size(): number {
    return this.keys.length;
  }

  has(year: number, month: number, day: number, serial: number): boolean {
    const key = testNumberKey(year, month, day, serial);
    let lo = 0;
    let hi = this.keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const value = this.keys[mid]!;
      if (value === key) return true;
      if (value < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}
