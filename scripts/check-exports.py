"""Runs the exported programs of every scene `examples/export_check.rs` wrote
and compares what they print with the page's own runs:

- PyTorch "this run" must match the page's curve at every epoch, training
  and test loss, to 1e-4 relative (1e-7 absolute for losses below 1e-3,
  see EXACT_FLOOR), and stop at the same epoch;
- tf.keras and plain PyTorch draw their own random numbers, so their losses
  must fall within the spread of the page's runs of the same scene from
  25 seeds: at epochs 10, 25, 50 and the last, the log of each loss within
  the seeds' range of log-losses, widened by half that range (at least a
  factor 1.25) on either side. One run is one draw: a small network can be
  stuck in a plateau from one draw of initial weights and not from the
  next, as the page's own runs can. So when the program's run from its own
  seed falls outside, it runs from four more seeds and the median of the
  five runs, epoch by epoch, must fall inside.

Usage: python scripts/check-exports.py target/export-check [scene ...]
Prints a Markdown table; exits 1 if any check fails.
"""
import math
import os
import pathlib
import re
import statistics
import subprocess
import sys
import time

EXACT = 1e-4
# Below this loss the exact check is absolute (EXACT * EXACT_FLOOR = 1e-7):
# a confidently right point's gradient is sigmoid(z) - 1, which float32
# holds to about three digits at z = 11 (its spacing near 1 is 6e-8), and
# RMSprop divides that noise by its own size; a training loss of 1e-5 then
# differs between any two float32 programs by a few parts in 1e4.
EXACT_FLOOR = 1e-3
CHECKPOINTS = (10, 25, 50)
PROGRAMS = ("pytorch_this_run.py", "pytorch_program.py", "tf_keras_program.py")
# The line of a plain program that seeds its random numbers.
SEED_LINE = re.compile(r"(torch\.manual_seed|tf\.keras\.utils\.set_random_seed)\((\d+)\)")
MORE_SEEDS = 4


def curve(text):
    """{epoch: (train_loss, test_loss)} from `epoch N train_loss X test_loss Y` lines."""
    out = {}
    for line in text.splitlines():
        f = line.split()
        if len(f) >= 6 and f[0] == "epoch":
            out[int(f[1])] = (float(f[3]), float(f[5]))
    return out


def seeded_curves(text):
    runs = {}
    for line in text.splitlines():
        seed, rest = line.split(" ", 2)[1], line.split(" ", 2)[2]
        runs.setdefault(seed, []).append(rest)
    return [curve("\n".join(lines)) for lines in runs.values()]


def exact_difference(page, program):
    """The largest relative difference over every epoch and both losses."""
    if sorted(page) != sorted(program):
        return math.inf
    worst = 0.0
    for epoch, losses in page.items():
        for ours, theirs in zip(losses, program[epoch]):
            if math.isnan(ours) and math.isnan(theirs):
                continue
            worst = max(worst, abs(theirs - ours) / max(abs(ours), EXACT_FLOOR))
    return worst


def spread_check(runs, program):
    """(passed, worst) where worst is the largest distance outside the seeds'
    log-range in units of that range's half (<= 1 passes)."""
    last = min(max(r) for r in runs + [program])
    worst = 0.0
    for epoch in [e for e in CHECKPOINTS if e < last] + [last]:
        for which in (0, 1):
            values = [r[epoch][which] for r in runs if epoch in r]
            if epoch not in program or math.isnan(values[0]):
                continue
            logs = [math.log(max(v, 1e-30)) for v in values]
            lo, hi = min(logs), max(logs)
            margin = max((hi - lo) / 2, math.log(1.25))
            ours = math.log(max(program[epoch][which], 1e-30))
            outside = max(lo - ours, ours - hi, 0.0) / margin
            worst = max(worst, outside)
    return worst <= 1.0, worst


def median_curve(curves):
    """Epoch by epoch, the median of each loss over the runs that reached it."""
    epochs = sorted(set().union(*curves))
    return {
        e: tuple(statistics.median(c[e][i] for c in curves if e in c) for i in (0, 1))
        for e in epochs
    }


# One thread each: the networks are tiny, and torch's and TensorFlow's thread
# pools only contend for the cores (twice the CPU time on two cores).
ONE_THREAD = dict(os.environ, OMP_NUM_THREADS="1", TF_NUM_INTRAOP_THREADS="1", TF_NUM_INTEROP_THREADS="1")


def run(folder, program, python):
    started = time.time()
    done = subprocess.run([python, program], cwd=folder, capture_output=True, text=True, env=ONE_THREAD)
    if done.returncode != 0:
        sys.stderr.write(f"{folder}/{program} failed:\n{done.stderr[-3000:]}\n")
        return None, time.time() - started
    return curve(done.stdout), time.time() - started


def run_seeded(folder, program, python, seeds):
    """The program's curves from other seeds: a copy of it with its seed line
    changed, one run per seed."""
    text = (folder / program).read_text()
    (seed,) = [int(m.group(2)) for m in SEED_LINE.finditer(text)]
    curves = []
    for offset in range(1, seeds + 1):
        copy = folder / f"seed{offset}_{program}"
        copy.write_text(SEED_LINE.sub(lambda m: f"{m.group(1)}({seed + 1000 * offset})", text))
        result, _ = run(folder, copy.name, python)
        copy.unlink()
        if result is None:
            return None
        curves.append(result)
    return curves


def plain_check(runs, folder, program, python):
    """The cell of a plain program: its own run in the spread, or else the
    median of it and MORE_SEEDS other runs."""
    result, _ = run(folder, program, python)
    if result is None:
        return False, "FAIL (did not run)"
    passed, worst = spread_check(runs, result)
    if passed:
        return True, f"yes ({worst:.2f})"
    more = run_seeded(folder, program, python, MORE_SEEDS)
    if more is None:
        return False, f"FAIL ({worst:.2f}; other seeds did not run)"
    passed, median_worst = spread_check(runs, median_curve([result] + more))
    verdict = "yes" if passed else "FAIL"
    return passed, f"{verdict} ({worst:.2f}; median of {1 + MORE_SEEDS} seeds {median_worst:.2f})"


def main():
    root = pathlib.Path(sys.argv[1])
    only = set(sys.argv[2:])
    folders = sorted(p for p in root.iterdir() if (p / "page.txt").exists())
    rows, failed = [], False
    print("| scene | epochs | this run: largest relative difference | plain PyTorch: in spread | tf.keras: in spread |")
    print("|---|---|---|---|---|")
    for folder in folders:
        if only and folder.name not in only:
            continue
        page = curve((folder / "page.txt").read_text())
        runs = [page] + seeded_curves((folder / "seeds.txt").read_text())
        cells = []
        exact, _ = run(folder, PROGRAMS[0], sys.executable)
        difference = math.inf if exact is None else exact_difference(page, exact)
        ok = difference <= EXACT
        cells.append(f"{difference:.1e}" + ("" if ok else " FAIL"))
        failed |= not ok
        for program in PROGRAMS[1:]:
            passed, cell = plain_check(runs, folder, program, sys.executable)
            cells.append(cell)
            failed |= not passed
        print(f"| {folder.name} | {max(page)} | " + " | ".join(cells) + " |", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
