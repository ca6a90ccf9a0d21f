"""Screenshots of a published website at desktop and phone widths, with Debian's chromium (headless, offline).

    .venv/bin/python scripts/site_screenshots.py SITE_FOLDER OUT_FOLDER [PAGE…]

PAGE is a path inside the site, with filters after # if wanted (default: each language's index, summary and
first recommendation page). Full-page Each page's first three screens go to OUT_FOLDER as PNGs
(keep them out of the repository).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.browser import browser_missing, chromium  # noqa: E402

SIZES = {"desktop": (1280, 800), "phone": (390, 844)}
SCREENS = 3


def default_pages(site: Path) -> list[str]:
    pages = []
    for lang_dir in sorted(p for p in site.iterdir() if (p / "index.html").is_file()):
        recs = sorted((lang_dir / "recommendations").glob("*.html"))
        pages += [f"{lang_dir.name}/index.html", f"{lang_dir.name}/summary.html"]
        pages += [str(r.relative_to(site)) for r in recs[:1]]
    return pages


def main(argv: list[str]) -> int:
    missing = browser_missing()
    if missing:
        print(missing, file=sys.stderr)
        return 1
    site, out = Path(argv[0]).resolve(), Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    pages = argv[2:] or default_pages(site)
    for size, (width, height) in SIZES.items():
        with chromium(width, height) as driver:
            for page in pages:
                path, _hash, fragment = page.partition("#")  # "en/index.html#cluster=violence": filters too
                driver.get((site / path).as_uri() + (f"#{fragment}" if fragment else ""))
                name = re.sub(r"[^A-Za-z0-9_.-]+", "_", page.replace(".html", ""))
                full = int(driver.execute_script("return document.documentElement.scrollHeight"))
                inner = int(driver.execute_script("return window.innerHeight"))
                for screen in range(min(SCREENS, -(-full // inner))):  # the first screens, one PNG each
                    driver.execute_script("window.scrollTo(0, arguments[0])", screen * inner)
                    path = out / f"{size}-{name}-{screen + 1}.png"
                    driver.save_screenshot(str(path))
                    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
