// Building blocks for made-up but valid data (the demo office, benchmarks, test factories):
// a seeded random generator and Polish/Romanian tax ids with correct check digits.

/** mulberry32: a small seeded PRNG, so generated data is the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7];

/** A NIP from its first 9 digits, or null when they admit no check digit (remainder 10 is never issued). */
export function completeNip(body: string): string | null {
  const check = NIP_WEIGHTS.reduce((sum, w, i) => sum + w * Number(body[i]), 0) % 11;
  return check === 10 ? null : body + check;
}

const CUI_KEY = [7, 5, 3, 2, 1, 7, 5, 3, 2];

/** A Romanian CUI from its body (up to 9 digits): check = sum·10 mod 11 under the key 753217532 (10 → 0). */
export function completeCui(body: string): string {
  const padded = body.padStart(9, '0');
  const sum = CUI_KEY.reduce((acc, w, i) => acc + w * Number(padded[i]), 0);
  return body + (((sum * 10) % 11) % 10);
}
