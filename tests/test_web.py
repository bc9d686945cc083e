"""The Datasette site: HTTP tests with Datasette's own client, and one in a real browser.

The browser test drives headless Chromium (Debian's ``chromium`` and
``chromium-driver``, which ``.ci/run`` installs) and saves screenshots to
``$JRR_SCREENSHOTS`` (default: a temporary directory) for a person to look at.
"""

from __future__ import annotations

import asyncio
import json
import os
import selectors
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import japan_russia_relations as jrr

datasette_app = pytest.importorskip("datasette.app", reason="the web extra (Datasette) is not installed")

from japan_russia_relations.web import DB_NAME, PLUGINS, build, command, free_port, wait_until_up  # noqa: E402

TABLES = jrr.tables()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("site")
    build(directory)
    return directory


@pytest.fixture(scope="module")
def get(site: Path):
    meta = json.loads((site / "metadata.json").read_text(encoding="utf-8"))
    ds = datasette_app.Datasette([str(site / f"{DB_NAME}.db")], metadata=meta, plugins_dir=str(PLUGINS))

    def fetch(path: str):
        return asyncio.run(ds.client.get(f"/{DB_NAME}/{path}"))

    return fetch


@pytest.mark.parametrize("table", TABLES)
def test_every_table_page_renders(get, table: str) -> None:
    response = get(table)
    assert response.status_code == 200
    assert jrr.describe(table)["field"].iloc[0] in response.text


def test_json_api_returns_the_same_rows_as_load(get) -> None:
    body = get("events.json?_shape=array&_size=max&_sort=event_id").json()
    events = jrr.load("events").sort_values("event_id")
    assert [r["event_id"] for r in body] == list(events["event_id"])
    assert [r["date"] for r in body] == list(events["date"])  # dates as written
    assert [r["event_type"] for r in body] == list(events["event_type"].astype(str))


def test_facets_on_type_side_and_year(get) -> None:
    body = get("events.json?_facet=event_type&_facet=side&_facet=year").json()
    facets = body["facet_results"]
    facets = facets.get("results", facets)
    assert {"event_type", "side", "year"} <= set(facets)
    sides = {v["value"] for v in facets["side"]["results"]}
    assert {"JPN", "RUS"} <= sides


def test_full_text_search(get) -> None:
    body = get("events.json?_search=Shimoda&_shape=array").json()
    assert "EV-0001" in {r["event_id"] for r in body}


def test_canned_queries_answer_the_readme_questions(get) -> None:
    per_year = get("sanctions_per_year_by_side.json?_shape=array").json()
    assert any(r["side"] == "JPN" and r["year"] == 2022 and r["measures"] > 10 for r in per_year)
    island = get("positions_on_one_island.json?territory=SHIKOTAN&_shape=array").json()
    assert {"SHIKOTAN", "DISPUTED-FOUR"} <= {r["territory_id"] for r in island}
    event = next(e for e in jrr.load("statements")["event_id"].dropna())
    said = get(f"statements_about_one_event.json?event_id={event}&_shape=array").json()
    assert said and all(r["statement_id"].startswith("ST-") for r in said)


def test_foreign_keys_and_source_ids_are_links(get) -> None:
    page = get("events?event_id=EV-0001").text
    assert f'href="/{DB_NAME}/actors/JPN"' in page
    assert f'href="/{DB_NAME}/sources/SRC-0033"' in page
    url = jrr.load("sources").set_index("source_id").loc["SRC-0033", "url"]
    assert f'href="{url}"' in page  # and to the page it cites


def test_metadata_comes_from_the_schemas(site: Path) -> None:
    meta = json.loads((site / "metadata.json").read_text(encoding="utf-8"))
    tables = meta["databases"][DB_NAME]["tables"]
    assert meta["license"] == "CC-BY-4.0"
    assert tables["events"]["description"] == jrr.load.__globals__["read_package"]().resources["events"].description
    assert "summit:" in tables["events"]["columns"]["event_type"]
    assert tables["territories"]["units"] == {"area_km2": "km^2"}


@pytest.fixture(scope="module")
def server(site: Path):
    port = free_port()
    process = subprocess.Popen(command(site, port), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _browser():
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not (chromium and driver):
        if os.environ.get("JRR_REQUIRE_BROWSER"):  # .ci/run installed them: absence is a failure
            pytest.fail("JRR_REQUIRE_BROWSER is set but chromium or chromedriver is not on PATH")
        pytest.skip("headless Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        options.add_argument(flag)
    from selenium.webdriver.chrome.service import Service

    return webdriver.Chrome(service=Service(driver), options=options)


def _show_table(browser) -> None:
    """Scroll past the column descriptions to the facets and the table."""
    browser.execute_script("document.querySelector('.facet-results, table.rows-and-columns').scrollIntoView()")


def test_a_person_can_browse_facet_search_and_follow_links(server: str, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    shots = Path(os.environ.get("JRR_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    browser = _browser()
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 20)  # a click or a submit loads the next page asynchronously
    try:
        browser.get(f"{server}/{DB_NAME}/events")
        assert "events" in browser.title and "Events" in browser.page_source
        _show_table(browser)
        browser.save_screenshot(str(shots / "events.png"))
        facet = browser.find_element(By.CSS_SELECTOR, ".facet-info[data-column='event_type'] a")
        chosen = facet.text.split()[0]
        facet.click()
        wait.until(lambda b: f"event_type={chosen}" in b.current_url)
        assert f"event_type = {chosen}" in browser.page_source or chosen in browser.page_source
        _show_table(browser)
        browser.save_screenshot(str(shots / "events_facet.png"))
        browser.get(f"{server}/{DB_NAME}/events")
        search = browser.find_element(By.CSS_SELECTOR, "input[name='_search']")
        search.send_keys("Shimoda")
        search.submit()
        wait.until(lambda b: "_search=Shimoda" in b.current_url)  # the new page, not the old one
        assert "EV-0001" in browser.page_source
        _show_table(browser)
        browser.save_screenshot(str(shots / "events_search.png"))
        browser.get(f"{server}/{DB_NAME}/events?event_id=EV-0001")
        browser.find_element(By.CSS_SELECTOR, f"a[href='/{DB_NAME}/actors/JPN']").click()
        wait.until(lambda b: b.current_url.endswith("/actors/JPN"))
        assert "Japan" in browser.page_source
        browser.save_screenshot(str(shots / "actor.png"))
    finally:
        browser.quit()
    assert all((shots / f).stat().st_size > 10_000 for f in ("events.png", "events_facet.png", "actor.png"))


def test_serve_build_writes_the_site(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "japan_russia_relations", "serve", "--build", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / f"{DB_NAME}.db").stat().st_size > 100_000
    assert (tmp_path / "metadata.json").is_file()


def test_jrr_serve_serves_a_forks_package_and_prints_the_address(package_copy: Path, set_cell) -> None:
    set_cell(package_copy, "events", 0, "title", "A title only this fork has")
    first_id = (package_copy / "data" / "events.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[0]
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "japan_russia_relations", "serve", str(package_copy), "--port", str(port)],
        stderr=subprocess.PIPE,
    )
    try:
        announced = _output_until(process.stderr, "Serving the data at", seconds=60)
        url = f"http://127.0.0.1:{port}/{DB_NAME}/events.json?_shape=array&event_id={first_id}"
        with urllib.request.urlopen(url) as page:
            first = json.load(page)[0]
    finally:
        process.terminate()
        process.communicate(timeout=10)
    assert first["title"] == "A title only this fork has"
    assert f"http://127.0.0.1:{port}/" in announced


def _output_until(stream, text: str, seconds: float) -> str:
    """What ``stream`` printed up to and including ``text``, read unbuffered so
    nothing waits in a buffer; fail after ``seconds``."""
    seen = b""
    deadline = time.monotonic() + seconds
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        while text.encode() not in seen and time.monotonic() < deadline:
            if selector.select(timeout=1):
                chunk = os.read(stream.fileno(), 65536)
                if not chunk:
                    break
                seen += chunk
    if text.encode() not in seen:
        pytest.fail(f"no {text!r} within {seconds} s; printed: {seen.decode(errors='replace')[-500:]}")
    return seen.decode()


def test_jrr_serve_refuses_a_port_in_use() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "japan_russia_relations", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert f"port {port} is in use" in result.stderr


def test_jrr_serve_without_datasette_says_how_to_install_it() -> None:
    code = (
        "import sys; sys.modules['datasette'] = None; from japan_russia_relations.cli import main;"
        "sys.exit(main(['serve', '--port', '1']))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "pip install 'japan-russia-relations[web]'" in result.stderr
