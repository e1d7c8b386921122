// Python's own semantics where JavaScript's differ, so the port gives Python's numbers.

/** Python's max(a, b): the first unless the second is larger (NaN never wins). */
export function max2(a, b) {
  return b > a ? b : a;
}

/** Python's min(a, b): the first unless the second is smaller. */
export function min2(a, b) {
  return b < a ? b : a;
}

/** Python's sorted(xs)[len(xs) // 2]: the upper median of a small window. */
export function upperMedian(xs) {
  const ordered = xs.slice().sort((a, b) => a - b);
  return ordered[ordered.length >> 1];
}

/** Python's sum(xs) over floats (left to right from 0; Python 3.11 adds no compensation). */
export function sum(xs) {
  let total = 0;
  for (let i = 0; i < xs.length; i++) total += xs[i];
  return total;
}

/**
 * Python's round(x, digits) for a float: the nearest decimal with that many digits to
 * x's exact binary value, ties to even. toFixed rounds the exact value too, but ties
 * away from zero; a tie needs x * 2^(digits+1) to be an odd integer, checked exactly.
 */
export function round(x, digits) {
  if (!Number.isFinite(x)) return x;
  const halves = x * 2 ** (digits + 1); // exact: a power of two
  if (Number.isInteger(halves) && Math.abs(halves) < 2 ** 53) {
    // x = halves / 2^(digits+1), so x * 10^digits = halves * 5^digits / 2: a tie when odd.
    const twice = BigInt(halves) * 5n ** BigInt(digits);
    if (twice % 2n !== 0n) {
      let n = twice / 2n; // truncated towards zero
      if (n % 2n !== 0n) n += twice > 0n ? 1n : -1n; // to even, away from the truncation
      return Number(`${n}e-${digits}`);
    }
  }
  return Number(x.toFixed(digits));
}
