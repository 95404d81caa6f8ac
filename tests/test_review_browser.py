"""The review page in a real browser (Debian's chromium, driven by Selenium and chromedriver).

An editor opens the page, clicks a claim and sees its evidence, dismisses a finding
with a reason and exports the decisions; ``factcheck review apply`` turns them into a
baseline, and the next ``check --baseline`` no longer fails on that finding while the
others stay. Skipped when no browser is installed, except where
``FACTCHECK_REQUIRE_BROWSER=1`` (CI), where a missing browser fails the test.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1400,1200")
ARTICLE = (
    "Ketamine is a revolutionary breakthrough for depression.\n\n"
    "Ketamine rewires the brain.\n\n"
    "Ketamine was first approved by the FDA in 1970 as an anaesthetic.\n"
)


def _missing(reason: str):
    if os.environ.get("FACTCHECK_REQUIRE_BROWSER") == "1":
        pytest.fail(f"FACTCHECK_REQUIRE_BROWSER=1 but {reason} (apt-get install -y chromium chromium-driver)")
    pytest.skip(reason)


@pytest.fixture
def browser(tmp_path):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("selenium is not installed")
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        _missing("chromium or chromedriver is not installed")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ARGS:
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()


def _wait_for(predicate, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_editor_dismisses_a_finding_and_the_next_check_honours_it(browser, tmp_path, monkeypatch):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    monkeypatch.chdir(tmp_path)
    Path("post.txt").write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["check", "post.txt", "--format", "html", "-o", "review.html"]).exit_code == 1
    before = json.loads(runner.invoke(main, ["check", "post.txt", "--format", "json"]).output)
    errors = [f for f in before["findings"] if f["severity"] == "error"]
    assert [f["code"] for f in errors] == ["HC102"]  # "rewires the brain": the one finding that fails the run

    browser.get((tmp_path / "review.html").as_uri())
    # Keyboard: j moves from finding to finding, k back.
    items = browser.find_elements(By.CSS_SELECTOR, "ol.flist>li:not(.suppressed)")
    current = lambda: [li.get_attribute("data-id") for li in items if "current" in li.get_attribute("class")]  # noqa: E731
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys("j")
    assert current() == [items[0].get_attribute("data-id")]
    body.send_keys("j")
    assert current() == [items[1].get_attribute("data-id")]
    body.send_keys("k")
    assert current() == [items[0].get_attribute("data-id")]

    # Click the highlighted claim: its verdict, evidence, sources and suggested wording open beside it.
    claim = browser.find_element(By.CSS_SELECTOR, f'a.claim[data-claim="{errors[0]["claim_id"]}"]')
    claim.click()
    panel = browser.find_element(By.CSS_SELECTOR, "aside .detail")
    _wait_for(lambda: "Evidence" in panel.text)
    assert "unsupported" in panel.text and "Suggested wording" in panel.text
    citation = before["claims"][[c["id"] for c in before["claims"]].index(errors[0]["claim_id"])]["evidence"][0]["sources"][0]["citation"]
    assert citation.split(".")[0] in panel.text

    # Filters: only errors.
    for box in browser.find_elements(By.CSS_SELECTOR, 'input[name=sev]:not([value=error])'):
        box.click()
    visible_items = [li for li in browser.find_elements(By.CSS_SELECTOR, "ol.flist>li") if li.is_displayed()]
    assert [li.get_attribute("data-code") for li in visible_items] == ["HC102"]

    # Dismiss it with a reason and export the decisions.
    item = visible_items[0]
    Select(item.find_element(By.TAG_NAME, "select")).select_by_value("dismissed")
    item.find_element(By.CSS_SELECTOR, "input[type=text]").send_keys("The next paragraph rebuts this claim.")
    browser.find_element(By.CSS_SELECTOR, "button.export-button").click()
    exported = _wait_for(lambda: next(iter(browser.downloads.glob("decisions*.json")), None))
    _wait_for(lambda: exported.stat().st_size > 0)
    decisions = json.loads(exported.read_text(encoding="utf-8"))
    assert decisions["decisions"] == [{
        "path": "post.txt", "sha256": before["input"]["sha256"], "finding": errors[0]["id"], "code": "HC102",
        "quote": "Ketamine rewires the brain.", "decision": "dismissed", "reason": "The next paragraph rebuts this claim.",
    }]

    applied = runner.invoke(main, ["review", "apply", str(exported), "--baseline", "baseline.json"])
    assert applied.exit_code == 0, applied.output
    assert json.loads(Path("baseline.json").read_text())["entries"][0]["reason"] == "The next paragraph rebuts this claim."
    after = runner.invoke(main, ["check", "post.txt", "--baseline", "baseline.json", "--format", "json"])
    assert after.exit_code == 0  # the dismissed error no longer fails the run
    states = {f["code"]: f["baseline"] for f in json.loads(after.output)["findings"] if f["code"] in ("HC102", "HC101")}
    assert states == {"HC102": "unchanged", "HC101": "new"}
    # A new unsupported claim still fails.
    Path("post.txt").write_text(ARTICLE + "\nKetamine is a permanent cure for depression.\n", encoding="utf-8")
    assert runner.invoke(main, ["check", "post.txt", "--baseline", "baseline.json"]).exit_code == 1


def test_export_refuses_a_dismissal_without_a_reason(browser, tmp_path, monkeypatch):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    monkeypatch.chdir(tmp_path)
    Path("post.txt").write_text(ARTICLE, encoding="utf-8")
    CliRunner().invoke(main, ["check", "post.txt", "--format", "html", "-o", "review.html"])
    browser.get((tmp_path / "review.html").as_uri())
    Select(browser.find_element(By.CSS_SELECTOR, "ol.flist>li select")).select_by_value("dismissed")
    browser.find_element(By.CSS_SELECTOR, "button.export-button").click()
    assert "needs a reason" in browser.find_element(By.CSS_SELECTOR, ".export-status").text
    time.sleep(0.5)
    assert not list(browser.downloads.iterdir())
