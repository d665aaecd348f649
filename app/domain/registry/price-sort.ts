/**
 * Helpers with a free slot, sorted by price λ. Ties are broken by a fixed scramble of the helper
 * index rather than input order, so equally cheap helpers spread over counties instead of the
 * first few in the sheet taking every candidate list. Prices are integers in practice (all costs
 * are), so the sort packs (λ, scramble) into one float and uses the native numeric sort.
 */
import type { MatchModel } from "./matching-model";

const XOR = 0x5bd1e995;
const MUL = 0x9e3779b1;
const MUL_INVERSE = inverseMod32(MUL);

function inverseMod32(odd: number): number {
  let inv = odd;
  for (let i = 0; i < 5; i++) inv = Math.imul(inv, 2 - Math.imul(odd, inv));
  return inv;
}

function scramble(h: number): number {
  return Math.imul(h ^ XOR, MUL) >>> 0;
}

function unscramble(s: number): number {
  return (Math.imul(s, MUL_INVERSE) ^ XOR) >>> 0;
}

export function sortByPrice(m: MatchModel, lambda: Float64Array): Int32Array {
  let count = 0;
  let low = Infinity;
  let high = -Infinity;
  let integral = true;
  for (let h = 0; h < m.spare.length; h++) {
    if (m.spare[h] === 0) continue;
    count++;
    const p = lambda[h];
    if (p < low) low = p;
    if (p > high) high = p;
    if (integral && !Number.isInteger(p)) integral = false;
  }
  const ids = new Int32Array(count);
  for (let h = 0, i = 0; h < m.spare.length; h++) if (m.spare[h] > 0) ids[i++] = h;
  if (!integral || high - low >= 2 ** 20) {
    return ids.sort((a, b) => lambda[a] - lambda[b] || scramble(a) - scramble(b));
  }
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) keys[i] = (lambda[ids[i]] - low) * 2 ** 32 + scramble(ids[i]);
  keys.sort();
  for (let i = 0; i < count; i++) ids[i] = unscramble(keys[i] % 2 ** 32);
  return ids;
}
