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
MAX_SHIFT_SECONDS = 4.0  # a fit that moves an end further than this is discarded
EXCURSION_ITERATIONS = 6  # a whole excursion starts further from its fit (a slow first step)
FINE_ITERATIONS = 1  # of them, the last on every thinned sample
COARSE = 4  # the others on every 4th: the first steps only need the movements roughly


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


def fit_excursion(
    ts: list[float],
    ys: list[float],
    first: int,
    last: int,
    rest: float,
    moves: list[tuple[float, float, float]],
    iterations: int = EXCURSION_ITERATIONS,
) -> list[float] | None:
    """A whole excursion fitted at once: the rest level, then `moves` (start, duration,
    signed size: the out steps, then the return if it was seen), each along the
    minimum-jerk profile, to the samples first..last.

    Fitting them together lets every level be fitted: the rest before (a slow first
    step or a set-up movement leaves any level set beforehand off), the plateau (shared
    by the end of "out" and the start of "back", so the whole hold weighs on both) and
    the rest after.

    Returns [rest, start_1, duration_1, size_1, ...] or None if the fit does not settle
    (a step shorter than FIT_MIN_SECONDS, a singular system).
    """
    count = len(moves)
    params = [rest]
    for move in moves:
        params += list(move)
    size = len(params)
    if last - first < 6:
        return None
    rate = (last - first) / (ts[last] - ts[first]) if ts[last] > ts[first] else 0.0
    stride = max(1, int(rate / FIT_SAMPLES_PER_SECOND + 0.5))
    for iteration in range(iterations):
        # The first steps only need the movements roughly: every COARSE-th sample.
        step_k = stride if iteration >= iterations - FINE_ITERATIONS else COARSE * stride
        normal = [[0.0] * size for _ in range(size)]
        rhs = [0.0] * size
        # Samples where nothing moves (rest, plateau) share their gradient with all the
        # others in the same place: add them up first, by which steps are done.
        flat_count: dict[int, int] = {}
        flat_residual: dict[int, float] = {}
        for k in range(first, last + 1, step_k):
            t = ts[k]
            model = params[0]
            done = 0  # bit j: step j is over
            nonzero: list[tuple[int, float]] = []
            for j in range(count):
                at = 1 + 3 * j
                u = (t - params[at]) / params[at + 1]
                if u <= 0.0:
                    continue
                height = params[at + 2]
                if u >= 1.0:
                    model += height
                    done |= 1 << j
                    continue
                shape = u * u * u * (10.0 - 15.0 * u + 6.0 * u * u)
                g = -height * 30.0 * u * u * (1.0 - u) * (1.0 - u) / params[at + 1]
                nonzero.append((at, g))  # d y / d start_j
                nonzero.append((at + 1, g * u))  # d y / d duration_j
                nonzero.append((at + 2, shape))  # d y / d size_j
                model += height * shape
            r = ys[k] - model
            if not nonzero:
                flat_count[done] = flat_count.get(done, 0) + 1
                flat_residual[done] = flat_residual.get(done, 0.0) + r
                continue
            nonzero.append((0, 1.0))
            for j in range(count):
                if done >> j & 1:
                    nonzero.append((3 + 3 * j, 1.0))
            for a, ga in nonzero:
                rhs[a] += ga * r
                row = normal[a]
                for b, gb in nonzero:
                    if b >= a:
                        row[b] += ga * gb
        for done, n in flat_count.items():
            ones = [0] + [3 + 3 * j for j in range(count) if done >> j & 1]
            for a in ones:
                rhs[a] += flat_residual[done]
                row = normal[a]
                for b in ones:
                    if b >= a:
                        row[b] += n
        for a in range(size):
            for b in range(a):
                normal[a][b] = normal[b][a]
            normal[a][a] *= 1.0 + FIT_DAMPING
        step = solve(normal, rhs)
        if step is None:
            return None
        moved = 0.0
        limit = FIT_MAX_STEP_SECONDS
        params[0] += step[0]
        for j in range(count):
            at = 1 + 3 * j
            for m in (at, at + 1):
                d = step[m]
                d = -limit if d < -limit else (limit if d > limit else d)
                params[m] += d
                moved = max(moved, abs(d))
            params[at + 2] += step[at + 2]
            if params[at + 1] < FIT_MIN_SECONDS:
                return None
        if moved < FIT_TOLERANCE_SECONDS:
            break
    return params
