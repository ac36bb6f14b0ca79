"""Benchmark corpora: real dev-set and seed texts from ../shared when present, cycled with
their numbers varied so no two articles are identical; template text otherwise. Streamed,
never written into the project."""
from __future__ import annotations

import json
import os
import random
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})*\b")

TEMPLATES = [
    "Junta troops killed {n} villagers in Hpakant on Monday, residents said.",
    "At least {n} people were injured when shells hit a market in Loikaw.",
    "Police arrested {n} protesters in Mandalay on Sunday, a rights group said.",
    "More than {n} families fled their homes in Kalay after airstrikes, aid workers said.",
    "Fighting near the border forced {n} people to cross into Thailand, officials said.",
    "The UN said {n} civilians had been killed in North Darfur since April.",
]


def shared_dir() -> Path | None:
    """../shared beside the checkout, or $HUMSTAT_SHARED."""
    path = Path(os.environ.get("HUMSTAT_SHARED", ROOT.parent / "shared"))
    return path if (path / "devset" / "articles.jsonl").exists() else None


def base_texts() -> tuple[list[str], str]:
    """The texts to cycle and where they came from."""
    shared = shared_dir()
    if shared is not None:
        texts = [json.loads(line)["text"] for line in (shared / "devset" / "articles.jsonl").open()]
        texts += [p.read_text() for p in sorted((shared / "seeds").glob("*.txt"))]
        return texts, f"{len(texts)} real texts from {shared} (dev set + seeds), numbers varied"
    rng = random.Random(1)
    texts = [" ".join(t.format(n=rng.randint(2, 900)) for t in rng.sample(TEMPLATES, 4)) for _ in range(50)]
    return texts, "50 template texts (../shared absent)"


def articles(n: int, seed: int = 0) -> Iterator[dict[str, str]]:
    """n article records {"id", "text", "published"}, each text a varied copy of a base text."""
    texts, _ = base_texts()
    rng = random.Random(seed)
    for i in range(n):
        base = texts[i % len(texts)]
        text = _NUMBER.sub(lambda m: f"{rng.randint(2, 9999):,}" if len(m.group()) < 4 else m.group(), base)
        yield {"id": f"bench{i:07d}", "text": text, "published": f"20{21 + i % 4}-{1 + i % 12:02d}-{1 + i % 28:02d}"}


def text_stream(total_bytes: int, seed: int = 0) -> Iterator[str]:
    """Article texts until total_bytes of UTF-8 have been yielded."""
    done = 0
    for record in articles(10**9, seed):
        yield record["text"]
        done += len(record["text"].encode())
        if done >= total_bytes:
            return
