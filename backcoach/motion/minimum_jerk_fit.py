"""Timing one movement by fitting the minimum-jerk profile to its samples.

Every movement is modelled by s(u) = 10u^3 - 15u^4 + 6u^5 (Flash and Hogan 1985),
the profile the synthetic body model moves along too. Gauss-Newton least squares
with Marquardt damping over each step's start, duration and size; plain Python
floats, so the browser port can mirror it line for line.
"""

from __future__ import annotations

from backcoach.motion.linear_solve import solve

FIT_ITERATIONS = 4  # Gauss-Newton steps from the first guess (more do not help under jitter)
FIT_MAX_STEP_SECONDS = 0.5
FIT_MIN_SECONDS = 0.2
FIT_TOLERANCE_SECONDS = 0.01  # steps smaller than this end the fit
FIT_DAMPING = 1e-3  # Marquardt's: a step the data hardly sees stays put
FIT_SAMPLES_PER_SECOND = 12.0  # denser traces are thinned to about this rate for the fit
MAX_SHIFT_SECONDS = 2.0  # a fit that moves an end further than this is discarded


def fit_movement(
    ts: list[float],
    ys: list[float],
    first: int,
    last: int,
    begin: float,
    finish: float,
    start: float,
    end: float,
    rest_first: bool,
    steps: int = 1,
    iterations: int = FIT_ITERATIONS,
) -> tuple[float, float]:
    """Start and end of a movement from about `begin` to about `finish`, made of `steps`
    minimum-jerk movements one after the other, fitted by least squares (Gauss-Newton
    over each step's start, duration and size) to the samples first..last, which
    include some rest or plateau either side. `start` and `end` are the first guess
    (the steps start evenly spread over it), returned if the fit does not settle.

    The rest level (before an out movement, `rest_first`, or after a return) is known
    well and stays fixed; the sizes are fitted, since the plateau's noisy mean would
    stretch or squeeze the movement. The whole movement and its flat surroundings weigh
    in, so jitter at its faint ends matters far less than with any single crossing.
    """
    # Model: y = anchor + sum_i size_i * (s(u_i) - lift), u_i = (t - start_i) / length_i.
    anchor, lift = (begin, 0.0) if rest_first else (finish, 1.0)
    duration = end - start
    if last - first < 6 or finish == begin or duration <= 0.0:
        return start, end
    each = duration / steps
    params: list[float] = []
    for i in range(steps):
        params += [start + i * each, each, (finish - begin) / steps]
    size = 3 * steps
    # Jitter is correlated over about 0.1 s: a sample every 0.1 s or so carries most of
    # the information at a fraction of the cost.
    rate = (last - first) / (ts[last] - ts[first]) if ts[last] > ts[first] else 0.0
    stride = max(1, int(rate / FIT_SAMPLES_PER_SECOND + 0.5))
    for _ in range(iterations):
        normal = [[0.0] * size for _ in range(size)]
        rhs = [0.0] * size
        for k in range(first, last + 1, stride):
            t = ts[k]
            model = anchor
            nonzero: list[tuple[int, float]] = []  # the gradient's non-zero entries
            for i in range(steps):
                t0, length, height = params[3 * i], params[3 * i + 1], params[3 * i + 2]
                u = (t - t0) / length
                if u <= 0.0:
                    shape = 0.0
                elif u >= 1.0:
                    shape = 1.0
                else:
                    shape = u * u * u * (10.0 - 15.0 * u + 6.0 * u * u)
                    g = -height * 30.0 * u * u * (1.0 - u) * (1.0 - u) / length
                    nonzero.append((3 * i, g))  # d y / d start_i
                    nonzero.append((3 * i + 1, g * u))  # d y / d length_i
                model += height * (shape - lift)
                if shape != lift:
                    nonzero.append((3 * i + 2, shape - lift))  # d y / d size_i
            if not nonzero:
                continue
            r = ys[k] - model
            for a, ga in nonzero:
                rhs[a] += ga * r
                row = normal[a]
                for b, gb in nonzero:
                    if b >= a:
                        row[b] += ga * gb
        for a in range(size):
            for b in range(a):
                normal[a][b] = normal[b][a]
            normal[a][a] *= 1.0 + FIT_DAMPING
        step = solve(normal, rhs)
        if step is None:
            break
        moved = 0.0
        limit = FIT_MAX_STEP_SECONDS
        for i in range(steps):
            for m in (0, 1):
                d = step[3 * i + m]
                d = -limit if d < -limit else (limit if d > limit else d)
                params[3 * i + m] += d
                moved = max(moved, abs(d))
            params[3 * i + 2] += step[3 * i + 2]
            if params[3 * i + 1] < FIT_MIN_SECONDS:
                return start, end
        if moved < FIT_TOLERANCE_SECONDS:
            break
    fitted_start = min(params[3 * i] for i in range(steps))
    fitted_end = max(params[3 * i] + params[3 * i + 1] for i in range(steps))
    if abs(fitted_start - start) > MAX_SHIFT_SECONDS or abs(fitted_end - end) > MAX_SHIFT_SECONDS:
        return start, end
    return fitted_start, fitted_end
