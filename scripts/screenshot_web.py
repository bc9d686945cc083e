"""Draw docs/img/web_events.png, the README's picture of `jrr serve`, in headless Chromium.

    python scripts/screenshot_web.py

Needs the web extra, selenium and Debian's chromium and chromium-driver.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from japan_russia_relations.web import DB_NAME, build, command, free_port, wait_until_up

# A few narrow columns keep rows one line high; without latitude and longitude
# the cluster map (whose tiles need the internet) stays out of the picture.
COLUMNS = ("date", "event_type", "actor_id", "target_id", "title")
QUERY = "&".join(["event_type=summit", "_sort_desc=date"] + [f"_col={c}" for c in COLUMNS])

OUT = Path(__file__).resolve().parent.parent / "docs" / "img" / "web_events.png"


def main() -> None:
    with tempfile.TemporaryDirectory() as site:
        build(site)
        port = free_port()
        server = subprocess.Popen(command(Path(site), port), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_until_up(port)
            options = webdriver.ChromeOptions()
            options.binary_location = shutil.which("chromium")
            for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1500"):
                options.add_argument(flag)
            browser = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
            try:
                browser.get(f"http://127.0.0.1:{port}/{DB_NAME}/events?{QUERY}")
                # Skip the column descriptions: the picture is of filters, facets and rows.
                browser.execute_script("document.querySelector('.facet-results, form').scrollIntoView()")
                browser.save_screenshot(str(OUT))
            finally:
                browser.quit()
        finally:
            server.terminate()
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
