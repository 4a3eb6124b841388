"""Collect every source URL of data/ and, on request, ask each site whether it still answers.

Why two modes: sites move and die, so a weekly job requests every link once and reports the dead
ones with the rows that cite them (``--report``); that needs a network and may fail for reasons
that are not ours, so it never blocks a change. The offline part (``source_urls`` and
``malformed``) runs in ``make test``: every URL is well formed, and every fact row has one.

Standard library only, so the weekly job runs it with a bare ``python3``.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
USER_AGENT = "treatylab-link-check/1.0 (+https://www.sipri.org/databases/armstransfers)"


def source_urls(data: Path = DATA) -> dict[str, list[str]]:
    """URL -> the places that cite it ("timeline.csv E12 source_url", "datapackage.json ...")."""
    cited: dict[str, list[str]] = defaultdict(list)
    for path in sorted(data.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            url_columns = [c for c in reader.fieldnames or [] if c.endswith("url")]
            key = (reader.fieldnames or [""])[0]
            for row in reader:
                for column in url_columns:
                    if row[column]:
                        cited[row[column]].append(f"{path.name} {row[key]} {column}")
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        for source in resource.get("sources", []):
            cited[source["path"]].append(f"datapackage.json {resource['name']} sources")
        for licence in resource.get("licenses", []):
            cited[licence["path"]].append(f"datapackage.json {resource['name']} licenses")
    return dict(cited)


def malformed(url: str) -> str:
    """Why ``url`` is not a well-formed web address, or "" when it is."""
    if url != url.strip() or any(ch.isspace() for ch in url):
        return "contains white space"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"scheme {parts.scheme!r} is not http or https"
    host = parts.hostname or ""
    if "." not in host or host.startswith(".") or host.endswith("."):
        return f"host {host!r} is not a domain name"
    return ""


def status_of(url: str, timeout: float = 20.0) -> str:
    """'ok' or a short reason: a HEAD request, then a GET for servers that refuse HEAD."""
    last = ""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                if response.status < 400:
                    return "ok"
                last = f"HTTP {response.status}"
        except urllib.error.HTTPError as error:
            last = f"HTTP {error.code}"
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            last = f"{type(error).__name__}: {getattr(error, 'reason', error)}"
    return last


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=Path, help="write a Markdown report of dead links here")
    parser.add_argument("--offline", action="store_true", help="only check the URLs' form")
    args = parser.parse_args(argv)
    cited = source_urls()
    bad_form = {url: malformed(url) for url in cited if malformed(url)}
    for url, reason in bad_form.items():
        print(f"malformed: {url} ({reason}) in {'; '.join(cited[url])}")
    if args.offline:
        print(f"{len(cited)} URLs, {len(bad_form)} malformed")
        return 1 if bad_form else 0
    to_request = [url for url in cited if url not in bad_form]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = dict(zip(to_request, pool.map(status_of, to_request), strict=True))
    dead = {url: reason for url, reason in results.items() if reason != "ok"}
    lines = [f"# Source links of data/: {len(dead)} of {len(results)} did not answer", ""]
    for url, reason in sorted(dead.items()):
        lines.append(f"- {url}: {reason}; cited by {'; '.join(cited[url])}")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.report:
        args.report.write_text(text, encoding="utf-8")
    return 1 if dead or bad_form else 0


if __name__ == "__main__":
    sys.exit(main())
