"""Reading articles: encodings, binary input, empty input and the size limit."""

import codecs

import pytest

from factcheck.errors import InputError
from factcheck.source import read_source, source_from_bytes


def test_utf8_bom_is_removed_so_offsets_count_from_the_first_character():
    source = source_from_bytes(codecs.BOM_UTF8 + "Ketamine works.".encode(), "a.txt")
    assert source.text == "Ketamine works."


@pytest.mark.parametrize(
    "data, problem",
    [
        (b"", "file is empty"),
        (b"  \n\t\n", "no text to check"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("Ketamine caf\xe9".encode("latin-1"), "not valid UTF-8 (byte 0xe9 at offset 12)"),
        (codecs.BOM_UTF16_LE + "Ketamine".encode("utf-16-le"), "UTF-16 text is not supported"),
    ],
)
def test_bad_bytes_give_a_one_line_error_naming_the_file(data, problem):
    with pytest.raises(InputError) as info:
        source_from_bytes(data, "article.txt")
    message = info.value.one_line()
    assert message.startswith("article.txt: ")
    assert problem in message
    assert "\n" not in message


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_source(tmp_path)


def test_size_limit_is_enforced_and_can_be_raised(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("Ketamine works within hours. " * 100)
    with pytest.raises(InputError, match="over the 1,000-byte limit"):
        read_source(path, max_bytes=1000)
    assert read_source(path, max_bytes=0).text.startswith("Ketamine")


def test_format_follows_the_extension(tmp_path):
    for name, fmt in [("a.md", "md"), ("b.HTML", "html"), ("c.htm", "html"), ("d.txt", "txt"), ("e", "txt")]:
        path = tmp_path / name
        path.write_text("Ketamine works.")
        assert read_source(path).format == fmt
