"""Ingestion: formats, publication dates, boilerplate, idempotence, revisions, bad input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.articles import readers
from service.articles.clean import extraction_text
from service.ingest import ingest
from service.store.db import Store
from tests.conftest import SEEDS


def _counts(store: Store) -> tuple[int, int, int]:
    with store.read() as cur:
        return cur.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM figures), "
            "(SELECT count(*) FROM dataset_versions)"
        ).fetchone()


def test_seeds_twice_counts_unchanged(store: Store) -> None:
    first = ingest(store, readers.read_paths([SEEDS]))
    assert (first.new, first.failed) == (2, 0)
    assert sum(first.figures.values()) > 0
    before = _counts(store)
    again = ingest(store, readers.read_paths([SEEDS]))
    assert (again.new, again.unchanged, again.failed) == (0, 2, 0)
    assert _counts(store) == before


def test_provenance_slices_equal_quotes(seeded: Store) -> None:
    with seeded.read() as cur:
        rows = cur.execute(
            "SELECT a.text, blanked_text(a.text, a.blanked), f.quote, f.char_start, f.char_end, f.sentence_start, "
            "f.sentence_end "
            "FROM figures f JOIN articles a USING (article_id)"
        ).fetchall()
    assert rows
    for text, etext, quote, start, end, s_start, s_end in rows:
        assert len(text) == len(etext)
        assert text[start:end] == quote
        assert s_start <= start < end <= s_end


def test_boilerplate_left_out_of_extraction_text_original_kept(seeded: Store) -> None:
    with seeded.read() as cur:
        text, etext, stored, spans = cur.execute(
            "SELECT text, blanked_text(text, blanked), extraction_text, blanked FROM articles "
            "WHERE article_id = '000_f0b6b7d4000a24cd'").fetchone()
    assert text.startswith("This article was added by the user")
    assert "not responsible" not in etext and "This article was added" not in etext
    assert "More than 90 junta soldiers" in etext
    # stored once: the spans blanked, no second copy; the SQL macro and the Python rule agree
    assert stored == "" and spans and etext == extraction_text(text)


def test_publication_dates_metadata_stated_estimated(seeded: Store) -> None:
    with seeded.read() as cur:
        rows = dict(cur.execute("SELECT article_id, published_method FROM articles").fetchall())
        stated = cur.execute("SELECT published FROM articles WHERE article_id = '004_aa85d1700f9069a1'").fetchone()[0]
    assert rows["004_aa85d1700f9069a1"] == "stated" and str(stated) == "2024-03-20"
    assert rows["000_f0b6b7d4000a24cd"] == "estimated"
    article = readers.make_article("Ten people were killed.", article_id="m", published_value="2024-05-01")
    assert (str(article.published), article.published_method) == ("2024-05-01", "metadata")
    bare = readers.make_article("Ten people were killed in the attack.", article_id="n")
    assert (bare.published, bare.published_method) == (None, "unknown")


def test_changed_content_is_a_new_revision(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "a1.txt"
    path.write_text("At least 12 civilians were killed in Myawaddy on Monday, residents said.\n")
    ingest(store, readers.read_paths([path]))
    path.write_text("At least 15 civilians were killed in Myawaddy on Monday, residents said.\n")
    report = ingest(store, readers.read_paths([path]))
    assert report.changed == 1
    with store.read() as cur:
        revs = cur.execute("SELECT revision, version_to IS NULL FROM articles ORDER BY revision").fetchall()
        values = cur.execute("SELECT value FROM figures_current").fetchall()
        old = cur.execute("SELECT value FROM figures_as_of(1)").fetchall()
    assert revs == [(1, False), (2, True)]
    assert values == [(15,)] and old == [(12,)]


def test_formats_md_front_matter_html_jsonl(store: Store, tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "one.md").write_text(
        "---\ntitle: Raid\nsource: Example Wire\nurl: https://example.org/raid\npublished: 2024-02-02\n---\n"
        "Soldiers detained 30 villagers in Kalay on Friday.\n")
    (tmp_path / "docs" / "two.html").write_text(
        "<html><head><title>Clashes</title><meta property='article:published_time' content='2024-03-01T08:00:00Z'>"
        "<script>var x = 99;</script></head><body><nav>Home</nav><p>Fighting displaced 2,000 people "
        "in Hpakant, aid workers said.</p></body></html>")
    (tmp_path / "docs" / "nested").mkdir()
    (tmp_path / "docs" / "nested" / "three.jsonl").write_text(
        json.dumps({"id": "j1", "text": "Eight people were injured by shelling.", "published": "2024-04-04",
                    "source": "Wire"}) + "\n")
    report = ingest(store, readers.read_paths([tmp_path / "docs"]))
    assert (report.new, report.failed) == (3, 0)
    with store.read() as cur:
        rows = {r[0]: r[1:] for r in cur.execute(
            "SELECT article_id, title, source, url, published, published_method, text FROM articles").fetchall()}
    assert rows["one"][:5] == ("Raid", "Example Wire", "https://example.org/raid", rows["one"][3], "metadata")
    assert str(rows["two"][3]) == "2024-03-01" and rows["two"][0] == "Clashes"
    assert "var x" not in rows["two"][5] and "Home" not in rows["two"][5]
    assert str(rows["j1"][3]) == "2024-04-04"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty input"),
        ("blank.txt", b"   \n\n", "empty input"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        ("latin1.txt", "Caf\xe9 attack killed 3".encode("latin-1"), "not UTF-8"),
        ("big.txt", b"x" * 2048, "over the size limit"),
        ("picture.png", b"abc", "unsupported file type"),
    ],
)
def test_bad_file_is_named_and_others_still_ingested(store: Store, tmp_path: Path, name: str, content: bytes,
                                                     message: str) -> None:
    (tmp_path / "good.txt").write_text("Police arrested 14 protesters in Mandalay on Sunday.")
    (tmp_path / name).write_bytes(content)
    items = readers.read_paths([tmp_path / "good.txt", tmp_path / name], max_bytes=1024)
    report = ingest(store, items)
    assert report.new == 1
    assert len(report.errors) == 1
    assert name in str(report.errors[0]) and message in str(report.errors[0])


def test_broken_jsonl_line_named_with_its_number(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "ok1", "text": "Three civilians were killed in an airstrike."}),
        '{"id": "broken", "text": "unterminated',
        json.dumps({"id": "notext"}),
        json.dumps({"id": "ok2", "text": "Forty people fled to Thailand.", "published": "not a date"}),
        json.dumps({"id": "ok3", "text": "Six soldiers were captured."}),
    ]) + "\n")
    report = ingest(store, readers.read_paths([path]))
    assert report.new == 2
    messages = [str(e) for e in report.errors]
    assert any(f"{path}:2: broken JSON" in m for m in messages)
    assert any(f"{path}:3: missing or empty 'text'" in m for m in messages)
    assert any(f"{path}:4: field 'published' is not a date" in m for m in messages)


def test_unreadable_file(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Two people were killed.")
    real = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    report = ingest(store, readers.read_paths([path, tmp_path / "missing.txt"]))
    assert [str(e) for e in report.errors] == [
        f"{path}: cannot read the file: Permission denied",
        f"{tmp_path / 'missing.txt'}: no such file or folder",
    ]


def test_same_content_under_another_id_is_not_stored_twice(store: Store, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Nine villagers were abducted by gunmen.")
    (tmp_path / "b.txt").write_text("Nine villagers were abducted by gunmen.")
    report = ingest(store, readers.read_paths([tmp_path]))
    assert (report.new, report.duplicates) == (1, 1)


def test_extraction_text_keeps_length_and_blanks_boilerplate() -> None:
    text = "date 2024-03-20 Heavy fighting.\nRead more: other stories here\nFive were killed."
    out = extraction_text(text)
    assert len(out) == len(text)
    assert out.strip().startswith("Heavy fighting.")
    assert "Read more" not in out and "Five were killed." in out
