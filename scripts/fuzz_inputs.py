"""Run the input fuzzer long: mutants of every file kind the app reads, through the real commands.

    PYTHONPATH=$PWD .venv/bin/python scripts/fuzz_inputs.py --count 3000 --seed 1 --work /tmp/fuzz
    ... --only questions-docx --count 200          # one kind of seed (a prefix of the seed names)
    ... --mutant 1:417:questions-docx --keep DIR    # rebuild one mutant, rerun it, keep its file in DIR
    ... --rerun WORK/verdicts.jsonl                 # rerun the bugs of an earlier run (after a fix)
    ... --real ../shared/data/real                  # real public files as extra seeds (read, never copied)

One process at a time (each mutant is a forked child of this one).  Every
verdict is a JSON line in WORK/verdicts.jsonl; bugs are printed as they come,
and a summary per seed and verdict at the end.  docs/design/hardening.md
explains the verdicts.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.input_fuzz import (  # noqa: E402 - after the path is set
    Limits,
    Verdict,
    build_seeds,
    make_template,
    mutant_bytes,
    preload,
    run,
    run_mutant,
)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=500, help="mutants to run")
    parser.add_argument("--start", type=int, default=0, help="number of the first mutant")
    parser.add_argument("--seed", type=int, default=1, help="the run's seed (same seed, same mutants)")
    parser.add_argument("--work", type=Path, required=True, help="scratch folder (made fresh)")
    parser.add_argument("--only", default="", help="only seeds whose name starts with this")
    parser.add_argument("--real", type=Path, help="folder of real public files used as extra seeds")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before a mutant is a hang")
    parser.add_argument("--memory-mb", type=int, default=500, help="address space allowed over the parent's")
    parser.add_argument("--mutant", help="rerun one mutant, RUN:NUMBER:SEED as printed")
    parser.add_argument("--keep", type=Path, help="with --mutant: write the mutant file here")
    parser.add_argument("--rerun", type=Path, help="rerun the mutants judged bugs in this verdicts.jsonl")
    return parser.parse_args()


def main() -> int:
    args = _arguments()
    import shutil

    shutil.rmtree(args.work, ignore_errors=True)
    template = make_template(args.work)
    seeds = [seed for seed in build_seeds(template, args.work / "seeds", args.real) if seed.name.startswith(args.only)]
    limits = Limits(args.timeout, args.memory_mb)
    scratch = args.work / "mutant"
    if args.mutant:
        return _one(args, seeds, template, scratch, limits)
    if args.rerun:
        return _rerun(args.rerun, seeds, template, scratch, limits)
    log = (args.work / "verdicts.jsonl").open("w", encoding="utf-8")

    def report(verdict: Verdict) -> None:
        log.write(json.dumps(asdict(verdict), ensure_ascii=False) + "\n")
        log.flush()
        if verdict.is_bug:
            print(f"{verdict.verdict}: {verdict.mutant} ({verdict.what}) {verdict.message[:200]}", flush=True)

    verdicts = run(seeds, template, scratch, run_seed=args.seed, count=args.count, limits=limits, report=report,
                   start=args.start)
    log.close()
    _summary(verdicts)
    return 1 if any(verdict.is_bug for verdict in verdicts) else 0


def _one(args: argparse.Namespace, seeds: list, template, scratch: Path, limits: Limits) -> int:
    run_seed, number, name = args.mutant.split(":", 2)
    seed = next(seed for seed in seeds if seed.name == name)
    data, what = mutant_bytes(seed, int(run_seed), int(number))
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        (args.keep / seed.path.name).write_bytes(data)
    preload()
    verdict = run_mutant(seed, data, template, scratch, limits, args.mutant, what)
    print(json.dumps(asdict(verdict), ensure_ascii=False, indent=1))
    return 1 if verdict.is_bug else 0


def _rerun(verdicts: Path, seeds: list, template, scratch: Path, limits: Limits) -> int:
    by_name = {seed.name: seed for seed in seeds}
    preload()
    bugs = 0
    for line in verdicts.read_text(encoding="utf-8").splitlines():
        earlier = json.loads(line)
        if not earlier["verdict"].startswith("BUG") or earlier["seed"] not in by_name:
            continue
        run_seed, number, name = earlier["mutant"].split(":", 2)
        data, what = mutant_bytes(by_name[name], int(run_seed), int(number))
        verdict = run_mutant(by_name[name], data, template, scratch, limits, earlier["mutant"], what)
        bugs += verdict.is_bug
        print(json.dumps(asdict(verdict), ensure_ascii=False), flush=True)
    return 1 if bugs else 0


def _summary(verdicts: list[Verdict]) -> None:
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for verdict in verdicts:
        counts[verdict.seed][verdict.verdict] += 1
    for seed, counter in sorted(counts.items()):
        print(f"{seed:40} " + ", ".join(f"{verdict} {n}" for verdict, n in sorted(counter.items())))
    seconds = sum(verdict.seconds for verdict in verdicts)
    print(f"{len(verdicts)} mutants, {sum(v.is_bug for v in verdicts)} bugs, {seconds:.0f} s in the commands")


if __name__ == "__main__":
    raise SystemExit(main())
