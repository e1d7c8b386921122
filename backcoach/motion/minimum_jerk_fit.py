"""Timing one movement by fitting the minimum-jerk profile to its samples.

Every movement is modelled by s(u) = 10u^3 - 15u^4 + 6u^5 (Flash and Hogan 1985),
the profile the synthetic body model moves along too. Gauss-Newton least squares
with Marquardt damping over each step's start, duration and size; plain Python
floats, so the browser port can mirror it line for line.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import mul

from backcoach.motion.linear_solve import solve

FIT_ITERATIONS = 4  # Gauss-Newton steps from the first guess (more do not help under jitter)
FIT_MAX_STEP_SECONDS = 0.5
FIT_MIN_SECONDS = 0.2
FIT_TOLERANCE_SECONDS = 0.01  # steps smaller than this end the fit
FIT_DAMPING = 1e-3  # Marquardt's: a step the data hardly sees stays put
FIT_SAMPLES_PER_SECOND = 12.0  # denser traces are thinned to about this rate for the fit
MAX_SHIFT_SECONDS = 4.0  # a fit that moves an end further than this is discarded
EXCURSION_ITERATIONS = 6  # a whole excursion starts further from its fit (a slow first step)


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
    joined: bool = False,
) -> list[float] | None:
    """A whole excursion fitted at once: the rest level, then `moves` (start, duration,
    signed size: the out steps, then the return if it was seen), each along the
    minimum-jerk profile, to the samples first..last.

    Fitting them together lets every level be fitted: the rest before (a slow first
    step or a set-up movement leaves any level set beforehand off), the plateau (shared
    by the end of "out" and the start of "back", so the whole hold weighs on both) and
    the rest after.

    `joined`: the last move (the return) starts where the one before it ends (the
    program holds nothing at the top), one time fitted from both movements' shapes
    instead of two from the flat top each leaves.

    Returns [rest, start_1, duration_1, size_1, ...] or None if the fit does not settle
    (a step shorter than FIT_MIN_SECONDS, a singular system).
    """
    params = [rest]
    for move in moves:
        params += list(move)
    # The tied start and the start and duration of the move before it.
    tie = len(params) - 3 if joined and len(moves) > 1 else 0
    if tie:
        end = params[tie] + params[tie + 1]
        params[tie + 1] = end - (params[tie - 3] + params[tie - 2])
        params[tie] = params[tie - 3] + params[tie - 2]
    if last - first < 6:
        return None
    rate = (last - first) / (ts[last] - ts[first]) if ts[last] > ts[first] else 0.0
    stride = max(1, int(rate / FIT_SAMPLES_PER_SECOND + 0.5))
    times = ts[first : last + 1 : stride]
    values = ys[first : last + 1 : stride]
    # Running sums: a stretch where nothing moves is added up in closed form.
    sums = [0.0]
    for y in values:
        sums.append(sums[-1] + y)
    limit = FIT_MAX_STEP_SECONDS
    for _ in range(iterations):
        normal, rhs = _normal_equations(times, values, sums, params)
        step = _solve_tied(normal, rhs, tie, (tie - 3, tie - 2)) if tie else solve(normal, rhs)
        if step is None:
            return None
        moved = 0.0
        params[0] += step[0]
        for at in range(1, len(params), 3):
            for m in (at, at + 1):
                d = step[m]
                d = -limit if d < -limit else (limit if d > limit else d)
                params[m] += d
                moved = max(moved, abs(d))
            params[at + 2] += step[at + 2]
            if params[at + 1] < FIT_MIN_SECONDS:
                return None
        if tie:
            # Capping each step on its own would untie them.
            params[tie] = params[tie - 3] + params[tie - 2]
        if moved < FIT_TOLERANCE_SECONDS:
            break
    return params


def _solve_tied(
    normal: list[list[float]], rhs: list[float], tied: int, sources: tuple[int, ...]
) -> list[float] | None:
    """The Gauss-Newton step with parameter `tied` moving by the sum of the `sources`'
    steps (a start tied to a movement's end): the normal equations in the remaining
    parameters (T^T N T, T^T b: the tied row and column added to the sources'),
    solved, then expanded back."""
    rows = [row[:] for row in normal]
    b = rhs[:]
    tied_row = rows[tied]
    for s in sources:
        row = rows[s]
        for j, v in enumerate(tied_row):
            row[j] += v
        b[s] += b[tied]
    for row in rows:
        v = row[tied]
        for s in sources:
            row[s] += v
    del rows[tied], b[tied]
    for row in rows:
        del row[tied]
    step = solve(rows, b)
    if step is None:
        return None
    step.insert(tied, sum(step[s] for s in sources))
    return step


def _normal_equations(
    times: list[float], values: list[float], sums: list[float], params: list[float]
) -> tuple[list[list[float]], list[float]]:
    """The damped Gauss-Newton normal equations of the excursion model at `params`.

    Model: y = rest + sum_j size_j * s((t - start_j) / duration_j). The samples fall into
    stretches between the movements' ends; in each, every movement is either not begun,
    under way or over. Where none is under way the model is a constant and the gradient
    is 1 for the rest level and each finished movement's size: the stretch adds up from
    its count and its sum of values. Where some are under way, each sample's shape and
    slope are evaluated once and the stretch's sums are formed locally, with the
    constant part of the gradient (the same 1s) carried as one entry.
    """
    size = len(params)
    count = (size - 1) // 3
    # Samples strictly inside movement j: begins[j] <= k < ends[j].
    begins = []
    ends = []
    for j in range(count):
        t0 = params[1 + 3 * j]
        begins.append(bisect_right(times, t0))
        ends.append(bisect_left(times, t0 + params[2 + 3 * j]))
    cuts = sorted({0, len(times), *begins, *ends})
    normal = [[0.0] * size for _ in range(size)]
    rhs = [0.0] * size
    for c in range(len(cuts) - 1):
        k0, k1 = cuts[c], cuts[c + 1]
        if k1 <= k0:
            continue
        level = params[0]
        ones = [0]  # the parameters whose gradient is 1 here
        moving = []  # the movements under way here
        for j in range(count):
            if k0 >= ends[j]:
                level += params[3 + 3 * j]
                ones.append(3 + 3 * j)
            elif k0 >= begins[j]:
                moving.append(j)
        if not moving:
            n = float(k1 - k0)
            r = sums[k1] - sums[k0] - n * level
            for a in ones:
                rhs[a] += r
                row = normal[a]
                for b in ones:
                    if b >= a:
                        row[b] += n
            continue
        # Local sums over this stretch; entry 0 is the constant part of the gradient.
        if len(moving) == 1:
            local, local_rhs = _one_moving(times, values, k0, k1, level, params, 1 + 3 * moving[0])
        else:
            local, local_rhs = _several_moving(times, values, k0, k1, level, params, moving)
        width = len(local_rhs)
        # Scatter: local entry 0 to every parameter in `ones`, the rest to the movements'.
        where = [0]
        for j in moving:
            where += [1 + 3 * j, 2 + 3 * j, 3 + 3 * j]
        for a in range(width):
            targets_a = ones if a == 0 else [where[a]]
            for ta in targets_a:
                rhs[ta] += local_rhs[a]
                for b in range(a, width):
                    targets_b = ones if b == 0 else [where[b]]
                    for tb in targets_b:
                        lo, hi = (ta, tb) if ta <= tb else (tb, ta)
                        if a == b == 0 and ta > tb:
                            continue
                        normal[lo][hi] += local[a][b]
    for a in range(size):
        for b in range(a):
            normal[a][b] = normal[b][a]
        normal[a][a] *= 1.0 + FIT_DAMPING
    return normal, rhs


def _one_moving(
    times: list[float],
    values: list[float],
    k0: int,
    k1: int,
    level: float,
    params: list[float],
    p: int,
) -> tuple[list[list[float]], list[float]]:
    """The local sums of a stretch where one movement (parameters at p) is under way:
    gradient (1, d/d start, d/d duration, d/d size), as plain sums (the common case)."""
    t0, length, height = params[p], params[p + 1], params[p + 2]
    inverse = 1.0 / length
    slope = -height * 30.0 * inverse
    s1 = sg = sgu = ss = sgg = sggu = sgs = sgugu = sgus = sss = 0.0
    r1 = rg = rgu = rs = 0.0
    for k in range(k0, k1):
        # The profile and its slope as in `_several_moving`, written out here: this loop
        # is the fit's hot path, and a call per sample cost the batch throughput floor.
        u = (times[k] - t0) * inverse
        uu = u * u
        shape = uu * u * (10.0 - 15.0 * u + 6.0 * uu)
        w = 1.0 - u
        g = slope * uu * w * w
        gu = g * u
        r = values[k] - level - height * shape
        s1 += 1.0
        sg += g
        sgu += gu
        ss += shape
        sgg += g * g
        sggu += g * gu
        sgs += g * shape
        sgugu += gu * gu
        sgus += gu * shape
        sss += shape * shape
        r1 += r
        rg += g * r
        rgu += gu * r
        rs += shape * r
    local = [
        [s1, sg, sgu, ss],
        [0.0, sgg, sggu, sgs],
        [0.0, 0.0, sgugu, sgus],
        [0.0, 0.0, 0.0, sss],
    ]
    return local, [r1, rg, rgu, rs]


def _several_moving(
    times: list[float],
    values: list[float],
    k0: int,
    k1: int,
    level: float,
    params: list[float],
    moving: list[int],
) -> tuple[list[list[float]], list[float]]:
    """The local sums (upper triangle) of a stretch where several movements overlap."""
    # One column per gradient entry, then their dot products.
    columns: list[list[float]] = [[1.0] * (k1 - k0)]
    residual = [y - level for y in values[k0:k1]]
    for j in moving:
        p = 1 + 3 * j
        t0, length, height = params[p], params[p + 1], params[p + 2]
        inverse = 1.0 / length
        slope = -height * 30.0 * inverse
        starts, durations, shapes = [], [], []
        for k in range(k0, k1):
            u = (times[k] - t0) * inverse
            uu = u * u
            shape = uu * u * (10.0 - 15.0 * u + 6.0 * uu)
            w = 1.0 - u
            g = slope * uu * w * w
            starts.append(g)  # d y / d start_j
            durations.append(g * u)  # d y / d duration_j
            shapes.append(shape)  # d y / d size_j
            residual[k - k0] -= height * shape
        columns += [starts, durations, shapes]
    width = len(columns)
    local = [[0.0] * width for _ in range(width)]
    local_rhs = [0.0] * width
    for a in range(width):
        column = columns[a]
        local_rhs[a] = _dot(column, residual)
        for b in range(a, width):
            local[a][b] = _dot(column, columns[b])
    return local, local_rhs


def _dot(xs: list[float], ys: list[float]) -> float:
    """Sum of products, left to right."""
    return sum(map(mul, xs, ys))
