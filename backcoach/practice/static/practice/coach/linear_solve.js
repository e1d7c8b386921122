// A small dense linear solve (mirrors backcoach/motion/linear_solve.py): Gaussian
// elimination with partial pivoting, for the timing fit's normal equations.

/** The solution of matrix x = rhs, or null if the matrix is singular. */
export function solve(matrix, rhs) {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    let largest = Math.abs(a[col][col]);
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(a[r][col]) > largest) {
        pivot = r;
        largest = Math.abs(a[r][col]);
      }
    }
    if (largest < 1e-300) return null;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    const top = a[col];
    for (let r = col + 1; r < n; r++) {
      const f = a[r][col] / top[col];
      if (f !== 0.0) {
        const row = a[r];
        for (let c = col; c < n + 1; c++) row[c] -= f * top[c];
      }
    }
  }
  const x = new Array(n).fill(0.0);
  for (let r = n - 1; r >= 0; r--) {
    let total = a[r][n];
    for (let c = r + 1; c < n; c++) total -= a[r][c] * x[c];
    x[r] = total / a[r][r];
  }
  return x;
}
