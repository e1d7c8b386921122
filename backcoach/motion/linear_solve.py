"""A small dense linear solve in plain Python (the timing fit's normal equations).

Plain floats rather than numpy: the fit runs per repetition on a handful of
unknowns, and the browser port mirrors it line for line.
"""

from __future__ import annotations


def solve(matrix: list[list[float]], rhs: list[float]) -> list[float] | None:
    """Solve a small linear system by Gaussian elimination with partial pivoting."""
    n = len(rhs)
    a = [[*row, rhs[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot, largest = col, abs(a[col][col])
        for r in range(col + 1, n):
            if abs(a[r][col]) > largest:
                pivot, largest = r, abs(a[r][col])
        if largest < 1e-300:
            return None
        a[col], a[pivot] = a[pivot], a[col]
        top = a[col]
        for r in range(col + 1, n):
            f = a[r][col] / top[col]
            if f != 0.0:
                row = a[r]
                for c in range(col, n + 1):
                    row[c] -= f * top[c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        total = a[r][n]
        for c in range(r + 1, n):
            total -= a[r][c] * x[c]
        x[r] = total / a[r][r]
    return x
