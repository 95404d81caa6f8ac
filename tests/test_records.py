"""Records in, records out: `factcheck check --input-format jsonl|parquet`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ci_helpers import invoke
from factcheck.records import Record, BadRecord, parse_line

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "articles"
CLAIM = "Ketamine cures depression in every patient who tries it."
MD = "# Our clinic\n\nKetamine infusions work within hours for everyone.\n"


def good_records() -> list[dict]:
    return [
        {"id": "clinic", "text": (CORPUS / "clinic-landing.txt").read_text(encoding="utf-8"), "url": "https://example.org/clinic"},
        {"id": 7, "text": MD, "format": "md"},
        {"id": "plain", "text": CLAIM, "extra": "ignored"},
    ]


def write_jsonl(path: Path, lines: list) -> Path:
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines), encoding="utf-8")
    return path


def test_good_records_give_one_report_each_keyed_by_id_in_input_order(tmp_path):
    records = good_records()
    result = invoke("check", "--input-format", "jsonl", write_jsonl(tmp_path / "in.jsonl", records), "--no-cache")
    assert result.exit_code == 1, result.stderr  # the clinic page has errors
    lines = result.stdout.splitlines()
    out = [json.loads(line) for line in lines]
    assert [o["id"] for o in out] == ["clinic", 7, "plain"]
    assert out[0]["url"] == "https://example.org/clinic" and "url" not in out[1]
    assert out[0]["report"]["input"]["path"] == "https://example.org/clinic"
    assert out[1]["report"]["input"] == {**out[1]["report"]["input"], "path": "7", "format": "md"}
    assert out[2]["report"]["claims"][0]["verdict"] == "unsupported"
    # each report is what checking the article as a file gives (same findings, offsets into the text)
    article = tmp_path / "clinic-landing.txt"
    article.write_text(records[0]["text"], encoding="utf-8")
    alone = json.loads(invoke("check", article, "--format", "json", "--no-cache").stdout)
    assert out[0]["report"]["findings"] == alone["findings"]
    for finding in out[1]["report"]["findings"]:
        if finding["span"]:
            assert MD[finding["span"]["start"]:finding["span"]["end"]] == finding["quote"]


BAD = [
    ("{not json", None, "not valid JSON"),
    ('["a", "list"]', None, "expected a JSON object"),
    ({"text": CLAIM}, None, 'missing "id"'),
    ({"id": True, "text": CLAIM}, None, '"id" must be a string or an integer'),
    ({"id": "no-text"}, "no-text", 'missing "text"'),
    ({"id": "num-text", "text": 42}, "num-text", '"text" must be a string'),
    ({"id": "pdf", "text": CLAIM, "format": "pdf"}, "pdf", 'unknown "format"'),
    ({"id": "url", "text": CLAIM, "url": 3}, "url", '"url" must be a string'),
    ({"id": "blank", "text": "   \n"}, "blank", "no text to check"),
]


def test_bad_records_get_error_records_and_the_run_goes_on_with_exit_2(tmp_path):
    lines = [{"id": "first", "text": CLAIM}]
    for raw, _, _ in BAD:
        lines.append(raw)
    lines.append({"id": "last", "text": CLAIM})
    path = write_jsonl(tmp_path / "in.jsonl", lines)
    with path.open("ab") as handle:
        handle.write(b'{"id": "latin1", "text": "caf\xe9"}\n')
    result = invoke("check", "--input-format", "jsonl", path, "--format", "jsonl", "--no-cache")
    assert result.exit_code == 2
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == len(lines) + 1
    assert out[0]["id"] == "first" and "report" in out[0]
    assert out[-2]["id"] == "last" and "report" in out[-2]
    for number, (o, (_, rid, message)) in enumerate(zip(out[1:], BAD), start=2):
        assert o == {"id": rid, "line": number, "error": o["error"]} and message in o["error"]
        assert f"in.jsonl:{number}: " in result.stderr
    assert out[-1]["line"] == len(lines) + 1 and "not valid UTF-8" in out[-1]["error"]


def test_records_from_stdin_in_parallel_equal_serial(tmp_path):
    text = "".join(json.dumps(r) + "\n" for r in good_records() * 3) + "oops\n"
    serial = invoke("check", "--input-format", "jsonl", "-", "--jobs", "1", "--no-cache", input=text)
    parallel = invoke("check", "--input-format", "jsonl", "-", "--jobs", "2", "--no-cache", input=text)
    assert serial.exit_code == parallel.exit_code == 2
    assert serial.stdout == parallel.stdout and len(serial.stdout.splitlines()) == 10


def test_blank_lines_are_skipped_and_line_numbers_stay_true():
    assert parse_line(b"  \n", 4) is None
    assert parse_line(b'{"id": "a", "text": "x"}\n', 5) == Record(5, "a", "x")
    assert parse_line(b"[]", 6) == BadRecord(6, None, "expected a JSON object, got list")


def test_record_input_needs_one_file_and_a_record_format(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", good_records()[2:])
    assert invoke("check", "--input-format", "jsonl", path, path).exit_code == 2
    wrong = invoke("check", "--input-format", "jsonl", path, "--format", "sarif")
    assert wrong.exit_code == 2 and "jsonl or parquet" in wrong.stderr
    missing = invoke("check", "--input-format", "jsonl", tmp_path / "nope.jsonl")
    assert missing.exit_code == 2 and "nope.jsonl: no such file" in missing.stderr
    assert invoke("check", path, "--format", "parquet").exit_code == 2


def test_parquet_in_and_out(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa

    rows = good_records() + [{"id": "bad", "text": None}]
    table = pa.Table.from_pylist([{"id": str(r["id"]), "text": r["text"], "format": r.get("format"), "url": r.get("url")} for r in rows])
    source = tmp_path / "in.parquet"
    pq.write_table(table, source)
    out = tmp_path / "out.parquet"
    result = invoke("check", "--input-format", "parquet", source, "--format", "parquet", "-o", out, "--no-cache")
    assert result.exit_code == 2 and 'in.parquet:4: missing "text"' in result.stderr
    got = pq.read_table(out).to_pylist()
    assert [g["id"] for g in got] == ["clinic", "7", "plain", "bad"]
    assert got[3]["error"] == 'missing "text"' and got[3]["report"] is None
    assert got[2]["claims"] == 1 and json.loads(got[2]["report"])["claims"][0]["verdict"] == "unsupported"
    # the same records as JSON Lines give the same reports
    as_jsonl = invoke("check", "--input-format", "parquet", source, "--format", "jsonl", "--no-cache")
    assert [json.loads(line).get("report") for line in as_jsonl.stdout.splitlines()] == [
        json.loads(g["report"]) if g["report"] else None for g in got
    ]
    assert invoke("check", "--input-format", "parquet", source, "--format", "parquet").exit_code == 2  # needs -o
