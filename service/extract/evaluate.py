"""Evaluate the extractor on the seed articles and the dev set with the official scorer.

    from service.extract.evaluate import run
    reports = run(Path("../shared"))          # {"seeds": {...}, "dev": {...}, "acled": {...}}

For each set: every article's text goes through `extraction_text` then `extract_figures`
(with `published`, `title` and `source` from the JSONL when present, as ingest passes them); predictions are written with all contract
fields to a temporary JSONL; `shared/eval/score.py ARTICLES GOLD PRED --json` (the official
scorer, run as a subprocess) gives the report, and its text table is printed too.
Then the ACLED section (service.extract.acled_eval): event totals, dates, places and monthly
series on shared/acled-dev/events.csv, when present.
`HUMSTAT_EVAL_DUMP=/dir` keeps the predictions there for inspection (the ACLED ones too).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import msgspec

from service.extract import EXTRACTOR_VERSION, extract_figures
from service.extract.figure import CONTRACT_FIELDS

try:
    from service.articles.clean import extraction_text
except Exception:  # pragma: no cover
    def extraction_text(text: str) -> str:  # type: ignore[misc]
        return text

SETS = {
    "seeds": ("eval/seeds_articles.jsonl", "eval/seeds_gold.jsonl"),
    "dev": ("devset/articles.jsonl", "devset/gold.jsonl"),
}


def _published(v) -> date | None:
    if not v:
        return None
    try:
        return date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def predict(articles_path: Path) -> list[dict]:
    rows: list[dict] = []
    with open(articles_path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            a = json.loads(line)
            text = extraction_text(a.get("text") or "")
            figs = extract_figures(text, article_id=a["id"], published=_published(a.get("published")),
                                   title=a.get("title"), source=a.get("source"))
            for fig in figs:
                d = msgspec.to_builtins(fig)
                rows.append({k: d[k] for k in CONTRACT_FIELDS} | {
                    "sentence_start": d["sentence_start"], "sentence_end": d["sentence_end"],
                    "admin1_pcode": d["admin1_pcode"], "township": d["township"],
                })
    return rows


def _score(shared: Path, arts: Path, gold: Path, pred: Path, as_json: bool) -> str:
    cmd = [sys.executable, str(shared / "eval" / "score.py"), str(arts), str(gold), str(pred)]
    if as_json:
        cmd.append("--json")
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def run(shared: Path, *, out=sys.stdout) -> dict:
    """Score the seeds, the dev set and the ACLED slice; print tables to `out`; return
    {"seeds": report, "dev": report, "acled": report} ("acled" absent when the slice is)."""
    shared = Path(shared)
    reports: dict[str, dict] = {}
    dump = os.environ.get("HUMSTAT_EVAL_DUMP")
    for name, (arts_rel, gold_rel) in SETS.items():
        arts, gold = shared / arts_rel, shared / gold_rel
        if not arts.exists() or not gold.exists():
            print(f"[{name}] missing {arts} or {gold}: skipped", file=out)
            continue
        rows = predict(arts)
        with tempfile.TemporaryDirectory() as tmp:
            pred = Path(dump) / f"{name}_pred.jsonl" if dump else Path(tmp) / "pred.jsonl"
            pred.parent.mkdir(parents=True, exist_ok=True)
            with open(pred, "w", encoding="utf-8") as f:
                for r in rows:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
            report = json.loads(_score(shared, arts, gold, pred, True))
            table = _score(shared, arts, gold, pred, False)
        reports[name] = report
        print(f"== {name} (extractor {EXTRACTOR_VERSION}) ==", file=out)
        print(table.rstrip(), file=out)
        attrs = report.get("attributes", {})
        acc = []
        for a, v in sorted(attrs.items()):
            ok, n = (int(x) for x in v.split("/"))
            acc.append(f"{a}={ok / n:.3f}" if n else f"{a}=n/a")
        print("attribute accuracy: " + ", ".join(acc), file=out)
        print(file=out)
    from service.extract import acled_eval  # imported here: it uses predict() from this module

    acled = acled_eval.run(shared, out=out, dump=dump, predict=predict)
    if acled is not None:
        reports["acled"] = acled
    return reports


def main(argv: list[str] | None = None) -> int:
    argv = argv if argv is not None else sys.argv[1:]
    shared = Path(argv[0]) if argv else Path(os.environ.get("HUMSTAT_SHARED", Path(__file__).resolve().parents[3] / "shared"))
    run(shared)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
