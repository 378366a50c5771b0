#!/usr/bin/env python3
"""End-to-end browser tests for Credo, in headless Chromium driven by Selenium.

Starts the built server (.build/debug/credo, or $CREDO_BIN) with the demo data
on a free 127.0.0.1 port and a temporary SQLite file, waits for /healthz, runs
the checks below, prints PASS/FAIL per check and ends with the line
"N passed, M failed". Exit status 1 if any check failed.

Env: CREDO_BIN (server binary), CHROME_BIN (default /usr/bin/chromium),
CHROMEDRIVER (default /usr/bin/chromedriver), CREDO_ARTIFACTS (a directory:
the dashboard screenshot is saved there as dashboard.png),
CREDO_BROWSER_ONLY (comma-separated check names to run).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CREDO_BIN = os.environ.get("CREDO_BIN", os.path.join(ROOT, ".build", "debug", "credo"))
CHROME_BIN = os.environ.get("CHROME_BIN", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
STARTUP_TIMEOUT = 180  # the demo data is loaded before the server listens
WAIT = 60  # seconds to wait for a page or element (debug builds on a busy 2-core machine are slow)

ANALYST = ("county.analyst", "credo-demo-2026")
DISTRICT_A = ("district.a", "credo-demo-2026")
UUID_PATH = re.compile(r"^/educators/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/?$")

# Selenium is imported lazily in main() so that a missing package gives one
# readable line instead of an ImportError traceback.
webdriver = By = WebDriverWait = EC = WebDriverException = None


class CheckFailure(Exception):
    """A failed expectation, with a message meant for humans."""


class Skip(Exception):
    """A check that cannot run because an earlier one failed."""


# ---------------------------------------------------------------------------
# The server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self) -> None:
        self.tmp = tempfile.mkdtemp(prefix="credo-browser.")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = os.path.join(self.tmp, "server.log")
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        if not os.access(CREDO_BIN, os.X_OK):
            raise CheckFailure(f"server binary {CREDO_BIN} not found; build first (swift build)")
        db = "sqlite://" + os.path.join(self.tmp, "demo.sqlite")
        cmd = [CREDO_BIN, "serve", "--demo", "--host", "127.0.0.1", "--port", str(self.port), "--database", db]
        print(f"server: {' '.join(cmd)}", flush=True)
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                cmd, cwd=self.tmp, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)
        started = time.monotonic()
        while True:
            code = self.proc.poll()
            if code is not None:
                raise CheckFailure(f"server exited with status {code} before answering /healthz:\n{self.tail()}")
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=5) as r:
                    if r.status == 200:
                        print(f"server: ready on {self.base} after {time.monotonic() - started:.1f}s", flush=True)
                        return
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() - started > STARTUP_TIMEOUT:
                raise CheckFailure(f"GET /healthz did not answer 200 within {STARTUP_TIMEOUT}s:\n{self.tail()}")
            time.sleep(0.5)

    def tail(self, lines: int = 40) -> str:
        try:
            with open(self.log_path, "r", errors="replace") as f:
                text = f.read().splitlines()[-lines:]
            return "\n".join("  | " + line for line in text) or "  | (no output)"
        except OSError:
            return "  | (no log)"

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
                try:
                    os.killpg(self.proc.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    self.proc.wait(timeout=wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        shutil.rmtree(self.tmp, ignore_errors=True)


# ---------------------------------------------------------------------------
# Browser helpers


def new_driver():
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check"):
        options.add_argument(arg)
    if os.path.exists(CHROME_BIN):
        options.binary_location = CHROME_BIN
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    return driver


class Browser:
    """A Selenium session whose failures name the selector and the URL."""

    all: list["Browser"] = []  # every session opened, to quit them at the end
    last: "Browser | None" = None  # the session used most recently, for error messages

    def __init__(self, base: str) -> None:
        self.base = base
        self.driver = new_driver()
        Browser.all.append(self)
        Browser.last = self

    def quit(self) -> None:
        try:
            self.driver.quit()
        except Exception:
            pass

    @property
    def url(self) -> str:
        return self.driver.current_url

    @property
    def path(self) -> str:
        return urllib.parse.urlsplit(self.url).path

    def get(self, path: str) -> None:
        Browser.last = self
        self.driver.get(path if "://" in path else self.base + path)

    def find(self, css: str, within=None, what: str = ""):
        scope = within if within is not None else self.driver
        found = scope.find_elements(By.CSS_SELECTOR, css)
        if not found:
            label = f" ({what})" if what else ""
            raise CheckFailure(f"no element matches {css!r}{label} on {self.url}")
        return found[0]

    def find_all(self, css: str, within=None):
        scope = within if within is not None else self.driver
        return scope.find_elements(By.CSS_SELECTOR, css)

    def submit_and_wait(self, button_css: str) -> None:
        """Click a submit button and wait for the next page to load."""
        old_html = self.find("html")
        self.find(button_css).click()
        try:
            WebDriverWait(self.driver, WAIT).until(EC.staleness_of(old_html))
            WebDriverWait(self.driver, WAIT).until(
                lambda d: d.execute_script("return document.readyState") == "complete")
        except Exception:
            raise CheckFailure(f"clicking {button_css!r} on {self.url} did not load a new page within {WAIT}s"
                               f" ({self.stall_report()})")

    def stall_report(self) -> str:
        """What a stalled page load looked like, to tell a slow server from a stuck browser: the document's
        readyState as the browser sees it, and how the server answers the same URL fetched directly."""
        try:
            ready = self.driver.execute_script("return document.readyState")
        except Exception as e:  # the renderer itself may not answer
            ready = f"unknown ({type(e).__name__})"
        started = time.monotonic()
        try:
            status, _, body = self.fetch(self.url)
            server = f"server answered {status} with {len(body)} bytes in {time.monotonic() - started:.2f}s"
        except Exception as e:
            server = f"server did not answer in {time.monotonic() - started:.1f}s: {type(e).__name__}"
        return f"document.readyState {ready!r}; {server}"

    def login(self, username: str, password: str) -> None:
        self.get("/login")
        self.find("#username").send_keys(username)
        self.find("#password").send_keys(password)
        self.submit_and_wait("#login-submit")

    def cookie_header(self) -> str:
        return "; ".join(f"{c['name']}={c['value']}" for c in self.driver.get_cookies())

    def fetch(self, url: str) -> tuple[int, str, str]:
        """GET url (absolute or a path) with this session's cookies: (status, content type, body).

        A redirect is not followed: it comes back as its 3xx status, with the
        Location in place of the content type, so a failure message shows it."""
        if url.startswith("/"):
            url = self.base + url
        req = urllib.request.Request(url, headers={"Cookie": self.cookie_header()})
        try:
            with NO_REDIRECT.open(req, timeout=60) as r:
                return r.status, r.headers.get("Content-Type", ""), r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            if 300 <= e.code < 400:
                return e.code, f"(redirect to {e.headers.get('Location')})", ""
            return e.code, e.headers.get("Content-Type", ""), e.read().decode("utf-8", "replace")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


NO_REDIRECT = urllib.request.build_opener(_NoRedirect)


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailure(message)


def first_int(text: str) -> int | None:
    m = re.search(r"\d[\d,\u00a0\u202f ]*", text)
    if not m:
        return None
    return int(re.sub(r"\D", "", m.group(0)))


# ---------------------------------------------------------------------------
# Checks. Each takes the shared state dict; shared browsers live in it.


def check_login_form(state) -> None:
    b = state["anon"]
    b.get("/login")
    form = b.find("form", what="login form")
    for css in ("#username", "#password", "#login-submit"):
        b.find(css, within=form, what="inside the login <form>")
    csrf = b.find_all("input[name='_csrf']")
    expect(csrf, f"no input named '_csrf' on {b.url}")
    expect((csrf[0].get_attribute("type") or "").lower() == "hidden",
           f"input[name='_csrf'] on {b.url} has type {csrf[0].get_attribute('type')!r}, expected 'hidden'")
    expect(bool(csrf[0].get_attribute("value")), f"input[name='_csrf'] on {b.url} has an empty value")


def check_login(state) -> None:
    b = Browser(state["base"])
    b.login(*ANALYST)
    expect(b.path == "/", f"after logging in as {ANALYST[0]} the browser is on {b.url}, expected /")
    h1 = b.find("h1").text.strip()
    expect(h1 == "Dashboard", f"<h1> on {b.url} is {h1!r}, expected 'Dashboard'")
    state["analyst"] = b
    artifacts = os.environ.get("CREDO_ARTIFACTS")
    if artifacts:
        os.makedirs(artifacts, exist_ok=True)
        path = os.path.join(artifacts, "dashboard.png")
        if b.driver.save_screenshot(path):
            print(f"       screenshot: {path}")


def check_bad_login(state) -> None:
    b = state["anon"]
    b.driver.delete_all_cookies()
    b.login(ANALYST[0], "wrong-password")
    expect(b.path == "/login", f"after a wrong password the browser is on {b.url}, expected to stay on /login")
    err = b.find(".error", what="error message")
    expect(err.is_displayed(), f"'.error' on {b.url} is not visible")
    role = err.get_attribute("role")
    expect(role == "alert", f"'.error' on {b.url} has role={role!r}, expected 'alert'")
    expect(err.text.strip() != "", f"'.error' on {b.url} is empty")


def accessibility(b: Browser) -> None:
    problems = []
    for inp in b.find_all("input"):
        kind = (inp.get_attribute("type") or "text").lower()
        if kind in ("hidden", "submit", "button", "reset", "image"):
            continue
        ident = inp.get_attribute("id") or ""
        name = inp.get_attribute("name") or ""
        desc = f"input#{ident}" if ident else f"input[name={name!r}]"
        if (inp.get_attribute("aria-label") or "").strip():
            continue
        if (inp.get_attribute("aria-labelledby") or "").strip():
            continue
        if ident and b.find_all(f"label[for='{ident}']"):
            continue
        problems.append(f"{desc} has no <label for=...> and no aria-label")
    h1s = b.find_all("h1")
    if len(h1s) != 1:
        problems.append(f"expected exactly one <h1>, found {len(h1s)}")
    if not b.find_all("main"):
        problems.append("no <main> landmark")
    skips = b.find_all("a.skip-link")
    if not skips:
        problems.append("no skip link 'a.skip-link'")
    else:
        href = skips[0].get_attribute("href") or ""
        if not href.endswith("#main"):
            problems.append(f"a.skip-link points to {href!r}, expected '#main'")
        elif not b.find_all("#main"):
            problems.append("a.skip-link points to #main but no element has id 'main'")
    if problems:
        raise CheckFailure(f"on {b.url}: " + "; ".join(problems))


def check_accessibility_login(state) -> None:
    b = state["anon"]
    b.driver.delete_all_cookies()
    b.get("/login")
    accessibility(b)


def check_find_educator(state) -> None:
    b = need(state, "analyst")
    b.get("/educators")
    rows = b.find_all("table#educators tbody tr")
    expect(rows, f"no rows match 'table#educators tbody tr' on {b.url}")
    first_link = b.find("th a, td a", within=rows[0], what="link in the first cell of the first educator row")
    full = first_link.text.strip()
    expect("," in full, f"first educator link on {b.url} reads {full!r}, expected 'Last, First'")
    last = full.split(",")[0].strip()
    b.find("#q").clear()
    b.find("#q").send_keys(last)
    b.submit_and_wait("#search-submit")
    state["search_url"] = b.url
    rows = b.find_all("table#educators tbody tr")
    expect(rows, f"searching for {last!r} gave no rows ('table#educators tbody tr') on {b.url}")
    for row in rows:
        cells = b.find_all("th, td", within=row)
        name = cells[0].text.strip() if cells else row.text.strip()
        expect(name.casefold().startswith(last.casefold()),
               f"searching for {last!r} on {b.url} listed {name!r}, which does not start with it")
    state["search_last"] = last
    link = b.find("a.educator-link", what="link to an educator")
    href = link.get_attribute("href")
    link.click()
    try:
        WebDriverWait(b.driver, WAIT).until(lambda d: UUID_PATH.match(urllib.parse.urlsplit(d.current_url).path))
    except Exception:
        raise CheckFailure(f"clicking a.educator-link ({href}) led to {b.url}, expected /educators/<uuid>")
    h1 = b.find("h1").text
    expect(last.casefold() in h1.casefold(), f"<h1> on {b.url} is {h1!r}, expected it to contain {last!r}")
    b.find("#seid", what="the educator's SEID")


def check_export_csv(state) -> None:
    b = need(state, "analyst")
    search_url = need(state, "search_url")
    b.get(search_url)
    link = b.find("a#export-csv", what="CSV export link")
    href = link.get_attribute("href")
    expect(bool(href), f"a#export-csv on {b.url} has no href")
    count_text = b.find("#result-count", what="the result count").text
    expected = first_int(count_text)
    expect(expected is not None, f"#result-count on {b.url} reads {count_text!r}: no number in it")
    status, ctype, body = b.fetch(href)
    expect(status == 200, f"GET {href} answered {status} {ctype}, expected 200")
    expect(ctype.lower().startswith("text/csv"), f"GET {href} has Content-Type {ctype!r}, expected text/csv")
    expect(body.startswith("seid,"), f"CSV from {href} starts with {body[:40]!r}, expected a header 'seid,...'")
    rows = [r for r in csv.reader(io.StringIO(body)) if any(cell.strip() for cell in r)]
    expect(len(rows) - 1 == expected,
           f"CSV from {href} has {len(rows) - 1} data rows but #result-count on {search_url} says {expected} "
           f"({count_text.strip()!r})")


def check_accessibility_educators(state) -> None:
    b = need(state, "analyst")
    b.get("/educators")
    accessibility(b)


def check_scoping(state) -> None:
    b = Browser(state["base"])
    b.login(*DISTRICT_A)
    expect(b.path == "/", f"after logging in as {DISTRICT_A[0]} the browser is on {b.url}, expected /")
    status, ctype, body = b.fetch("/api/v1/me")
    expect(status == 200, f"GET /api/v1/me as {DISTRICT_A[0]} answered {status} {ctype}, expected 200")
    try:
        me = json.loads(body)
    except ValueError:
        raise CheckFailure(f"GET /api/v1/me did not return JSON: {body[:200]!r}")
    codes = [((r or {}).get("organization") or {}).get("cds_code") for r in me.get("roles", [])]
    codes = [str(c) for c in codes if c]
    expect(codes, f"GET /api/v1/me as {DISTRICT_A[0]} lists no role with organization.cds_code: {body[:300]}")
    prefix = codes[0][:7]
    expect(len(prefix) == 7 and prefix.isdigit(), f"district A's cds_code {codes[0]!r} does not start with 7 digits")
    b.get("/educators")
    expect(b.find_all("table#educators tbody tr"), f"{DISTRICT_A[0]} sees no educators on {b.url}")
    url = "/organizations?kind=district&format=csv"
    status, ctype, body = b.fetch(url)
    expect(status == 200, f"GET {url} as {DISTRICT_A[0]} answered {status} {ctype}, expected 200")
    expect(ctype.lower().startswith("text/csv"), f"GET {url} has Content-Type {ctype!r}, expected text/csv")
    rows = list(csv.DictReader(io.StringIO(body)))
    expect(rows, f"GET {url} as {DISTRICT_A[0]} returned no rows (expected at least district A itself)")
    expect("cds_code" in rows[0], f"GET {url} has no cds_code column; header: {list(rows[0].keys())}")
    outside = [r["cds_code"] for r in rows if not (r.get("cds_code") or "").startswith(prefix)]
    expect(not outside, f"{DISTRICT_A[0]} (district {prefix}) can see districts outside it: {outside[:5]}")


def check_educator_documents(state) -> None:
    """The educator page shows credential documents with validity, and what the educator may teach."""
    b = need(state, "analyst")
    b.get("/educators")
    link = b.find("a.educator-link", what="link to an educator")
    link.click()
    WebDriverWait(b.driver, WAIT).until(lambda d: UUID_PATH.match(urllib.parse.urlsplit(d.current_url).path))
    headings = [h.text.strip() for h in b.find_all("h2")]
    expect("Credential documents" in headings, f"no 'Credential documents' heading on {b.url}; headings: {headings}")
    expect("What this educator may teach" in headings,
           f"no 'What this educator may teach' heading on {b.url}; headings: {headings}")


def check_reverse_search(state) -> None:
    """A principal-style question: who may teach course 1000 (self-contained class) in grade 3?"""
    b = need(state, "analyst")
    b.get("/credentials")
    b.find("#course").send_keys("1000")
    b.find("#grade").send_keys("3")
    b.submit_and_wait("#who-submit")
    b.find("table#candidates", what="the candidates table")
    count_text = b.find("#result-count").text
    numbers = re.findall(r"\d[\d,]*", count_text)
    expect(numbers and int(numbers[0].replace(",", "")) > 0,
           f"#result-count on {b.url} reads {count_text!r}; expected at least one educator for course 1000 grade 3")
    rows = b.find_all("table#candidates tbody tr")
    expect(len(rows) == int(numbers[0].replace(",", "")),
           f"{len(rows)} rows in table#candidates but #result-count says {count_text!r} on {b.url}")


def check_exception_review(state) -> None:
    """The CalSAAS-style review: the district proposes a determination with evidence and sends it; the county
    office accepts it. Each step is a plain form post; the page shows the new status and the history."""
    import tempfile
    d = Browser(state["base"])
    try:
        d.login(*DISTRICT_A)
        d.get("/monitoring/exceptions")
        rows = d.find_all("table#exceptions tbody tr")
        expect(rows, f"{DISTRICT_A[0]} sees no exceptions on {d.url}")
        links = [a.get_attribute("href") for a in d.find_all("a.exception-link")]
        statuses = [r.find_elements(By.CSS_SELECTOR, "td")[5].text.strip() for r in rows]
        todo = [href for href, status in zip(links, statuses) if status == "Undetermined"]
        expect(todo, f"no undetermined exception on {d.url}; statuses: {statuses[:10]}")
        d.get(todo[0])
        exception_url = d.url
        status = d.find("#review-status").text.strip()
        expect(status == "Undetermined", f"#review-status on {exception_url} reads {status!r}, expected 'Undetermined'")
        accessibility(d)
        d.driver.find_element(By.CSS_SELECTOR, "#determination-propose option[value='local_assignment_option']").click()
        d.find("#comment-propose").send_keys("EC 44263 assignment; teacher consent on file")
        d.submit_and_wait("#step-propose")
        proposed = d.find("dl.facts").text
        expect("Local Assignment Option" in proposed,
               f"after proposing, {d.url} does not show the proposal: {proposed[:300]!r}")
        with tempfile.NamedTemporaryFile("wb", suffix=".pdf", prefix="consent-", delete=False) as f:
            f.write(b"%PDF-1.4\n% signed consent\n")
            upload = f.name
        try:
            d.find("#evidence-file").send_keys(upload)
            d.find("#description").send_keys("Signed consent")
            d.submit_and_wait("#evidence-submit")
        finally:
            os.unlink(upload)
        files = [li.text for li in d.find_all("ul#evidence li")]
        expect(any(os.path.basename(upload) in t for t in files),
               f"after uploading, ul#evidence on {d.url} lists {files!r}, expected {os.path.basename(upload)}")
        d.submit_and_wait("#step-send_to_monitoring_authority")
        status = d.find("#review-status").text.strip()
        expect(status == "MA Review", f"after sending, #review-status reads {status!r}, expected 'MA Review'")
    finally:
        d.quit()

    c = need(state, "analyst")
    c.get(exception_url)
    c.submit_and_wait("#step-accept_proposal")
    status = c.find("#review-status").text.strip()
    decided = c.find("#determination").text.strip()
    expect(status == "MA Completed", f"after accepting, #review-status on {c.url} reads {status!r}, expected 'MA Completed'")
    expect(decided == "Local Assignment Option",
           f"after accepting, #determination on {c.url} reads {decided!r}, expected 'Local Assignment Option'")
    steps = [li.text for li in c.find_all("ol#history li")]
    expect(len(steps) == 3, f"ol#history on {c.url} has {len(steps)} steps, expected 3 (propose, send, accept): {steps}")


def check_notice_template(state) -> None:
    """A county analyst edits a notice template: invalid Mustache is refused with its line, the preview renders
    sample values, a valid edit is saved (and the Notices link is in the header)."""
    c = need(state, "analyst")
    c.get("/notices")
    expect(c.find_all("#notices-link"), f"no Notices link in the header of {c.url}")
    c.get("/notices/templates")
    links = [a.get_attribute("href") for a in c.find_all("table#templates a")]
    expect(any(h.endswith("/notices/templates/expiration-warning") for h in links),
           f"/notices/templates lists {links!r}, expected expiration-warning")
    c.get("/notices/templates/expiration-warning")
    accessibility(c)
    body = c.find("#email_body")
    original = body.get_attribute("value")
    body.clear()
    body.send_keys("Dear {{name}},\n{{#has_renewal}}\nnever closed")
    c.submit_and_wait("button[value='save']")
    error = c.find("#email_body-error", what="the e-mail body's syntax error").text
    expect("line" in error, f"the syntax error on {c.url} does not name the line: {error!r}")
    body = c.find("#email_body")
    body.clear()
    body.send_keys(original)
    subject = c.find("#subject")
    subject.clear()
    subject.send_keys("Renew {{document}} before {{expires}}")
    c.submit_and_wait("button[value='preview']")
    preview = c.find("#preview-subject").text
    expect(preview.startswith("Renew ") and "{{" not in preview, f"#preview-subject reads {preview!r}")
    c.submit_and_wait("button[value='save']")
    expect(c.find_all("#saved"), f"saving the template did not say Saved on {c.url}")
    saved = c.find("#subject").get_attribute("value")
    expect(saved == "Renew {{document}} before {{expires}}", f"after saving, #subject reads {saved!r}")


def check_alert_rule(state) -> None:
    """A county analyst changes a step of the alert chain: a step after expiration in the warning chain is refused
    on the chain field, a 45-day warning is saved and listed."""
    c = need(state, "analyst")
    c.get("/notices")
    expect(c.find_all("#alert-rules-link"), f"no Alert rules link on {c.url}")
    c.get("/notices/rules")
    accessibility(c)
    links = [a.get_attribute("href") for a in c.find_all("table#alert-rules a")]
    expect(any(h.endswith("/notices/rules/warning-30") for h in links), f"/notices/rules lists {links!r}")
    c.get("/notices/rules/warning-30")
    accessibility(c)
    days = c.find("#days")
    days.clear()
    days.send_keys("5")
    c.find("#direction option[value='after']").click()
    c.submit_and_wait("#save-rule")
    error = c.find("#chain-error", what="the mixed-chain error").text
    expect("before and after" in error, f"the chain error on {c.url} reads {error!r}")
    days = c.find("#days")
    days.clear()
    days.send_keys("45")
    c.find("#direction option[value='before']").click()
    c.submit_and_wait("#save-rule")
    expect(c.find_all("#saved"), f"saving the rule did not say Saved on {c.url}")
    c.get("/notices/rules")
    rows = [r.text for r in c.find_all("table#alert-rules tbody tr")]
    expect(any("warning-30" in r and "45 days before expiration" in r for r in rows), f"rules table rows: {rows!r}")


def check_pay_holds(state) -> None:
    """Payroll opens /pay, sees the next payday's holds with their reasons and the chart, and exports the CSV for
    payroll: as many rows as the page counts, all of its own district."""
    p = Browser(state["base"])
    try:
        p.login("payroll", DISTRICT_A[1])
        p.get("/pay")
        rows = p.find_all("table#pay-holds tbody tr")
        expect(rows, f"payroll sees no holds on {p.url}")
        reasons = rows[0].find_elements(By.CSS_SELECTOR, "td")[5].text
        expect("EC 45037" in reasons, f"the first hold on {p.url} gives no EC 45037 reason: {reasons[:200]!r}")
        p.find("#chart-pay-holds", what="the holds-per-period chart")
        accessibility(p)
        expected = first_int(p.find("#result-count").text)
        href = p.find("a#export-csv", what="CSV export link").get_attribute("href")
        status, ctype, body = p.fetch(href)
        expect(status == 200 and ctype.lower().startswith("text/csv"), f"GET {href} answered {status} {ctype}")
        table = list(csv.DictReader(io.StringIO(body)))
        expect(len(table) == expected, f"CSV from {href} has {len(table)} rows, #result-count says {expected}")
        districts = {r["district_code"] for r in table}
        expect(len(districts) == 1, f"payroll of one district exported holds of {sorted(districts)}")
        expect(all(r["status"] == "hold" for r in table), "the payroll export lists a row that is not a hold")
    finally:
        p.quit()


def check_ctc_confirm(state) -> None:
    """A district analyst opens the CTC action waiting for confirmation, confirms the candidate, and the row is
    applied; the educator's page shows the action."""
    d = Browser(state["base"])
    try:
        d.login(*DISTRICT_A)
        d.get("/ctc-actions?state=candidates")
        links = [a.get_attribute("href") for a in d.find_all("table#ctc-actions tbody tr td a")]
        expect(links, f"{DISTRICT_A[0]} sees no CTC action with candidates on {d.url}")
        d.get(links[0])
        accessibility(d)
        buttons = d.find_all("#ctc-candidates button[id^='confirm-']")
        expect(buttons, f"no confirm button on {d.url}")
        d.submit_and_wait("#" + buttons[0].get_attribute("id"))
        state_text = d.find("#ctc-state").text.strip()
        expect(state_text == "Matched and applied", f"after confirming, #ctc-state on {d.url} reads {state_text!r}")
        outcome = d.find("#ctc-outcome").text
        expect("Revocation" in outcome, f"#ctc-outcome on {d.url} reads {outcome[:200]!r}, expected the revocation")
        d.get(d.find("a#ctc-educator").get_attribute("href"))
        d.find("section#ctc-actions", what="the CTC actions section on the educator page")
    finally:
        d.quit()


def check_dashboard(state) -> None:
    """Issue 5's dashboard: a district analyst sees documents expiring in 30/60/90 days (each window holding the
    shorter, the 30-day figure equal to the expiring list's count), expired-but-assigned, pay holds for the next
    payday equal to /pay's count, CTC actions to confirm, and the per-month chart."""
    d = Browser(state["base"])
    try:
        d.login(*DISTRICT_A)
        d.get("/")
        d.find("section#compliance", what="the dashboard's credentials, pay and CTC panel")
        figures = {}
        for key in ("expiring-30", "expiring-60", "expiring-90", "expired-assigned", "pay-holds", "ctc-candidates"):
            figures[key] = first_int(d.find(f"#{key} strong", what=f"the {key} card").text)
        expect(figures["expiring-30"] <= figures["expiring-60"] <= figures["expiring-90"],
               f"expiring windows do not nest on {d.url}: {figures}")
        expect(figures["expiring-90"] > 0, f"the demo shows no document expiring in 90 days: {figures}")
        chart = d.find("#chart-expirations", what="the expirations-per-month chart")
        expect(chart.get_attribute("role") in ("img", "figure") or chart.find_elements(By.CSS_SELECTOR, "svg, table"),
               "the expirations chart has neither a picture nor a table")
        accessibility(d)
        d.get(d.find("#expiring-30").get_attribute("href"))
        listed = first_int(d.find("#result-count").text)
        expect(listed == figures["expiring-30"],
               f"the dashboard says {figures['expiring-30']} expiring in 30 days, {d.url} lists {listed}")
        d.get("/pay")
        held = first_int(d.find("#result-count").text)
        expect(held == figures["pay-holds"], f"the dashboard says {figures['pay-holds']} pay holds, /pay counts {held}")
    finally:
        d.quit()


def need(state, key):
    if key not in state:
        raise Skip(f"needs {key!r} from an earlier check that failed")
    return state[key]


CHECKS = [
    ("login form", check_login_form),
    ("login", check_login),
    ("bad login", check_bad_login),
    ("accessibility /login", check_accessibility_login),
    ("find an educator", check_find_educator),
    ("export CSV", check_export_csv),
    ("accessibility /educators", check_accessibility_educators),
    ("educator documents", check_educator_documents),
    ("reverse search", check_reverse_search),
    ("scoping district.a", check_scoping),
    ("exception review", check_exception_review),
    ("notice template", check_notice_template),
    ("alert rule", check_alert_rule),
    ("pay holds and payroll export", check_pay_holds),
    ("confirm a CTC candidate", check_ctc_confirm),
    ("dashboard", check_dashboard),
]


def describe(exc: BaseException) -> str:
    """One readable paragraph for an unexpected exception: type, message, where."""
    msg = getattr(exc, "msg", None) or str(exc) or repr(exc)
    msg = msg.strip().splitlines()[0] if msg.strip() else repr(exc)
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == os.path.abspath(__file__)]
    where = f" (at {os.path.basename(frames[-1].filename)}:{frames[-1].lineno} {frames[-1].line})" if frames else ""
    return f"{type(exc).__name__}: {msg}{where}"


def main() -> int:
    global webdriver, By, WebDriverWait, EC, WebDriverException
    try:
        from selenium import webdriver as _wd
        from selenium.common.exceptions import WebDriverException as _wde
        from selenium.webdriver.common.by import By as _by
        from selenium.webdriver.support import expected_conditions as _ec
        from selenium.webdriver.support.ui import WebDriverWait as _wait
    except ImportError:
        print("FAIL setup: selenium is not installed (pip install -r Tests/browser/requirements.txt)")
        print("0 passed, 1 failed")
        return 1
    webdriver, By, WebDriverWait, EC, WebDriverException = _wd, _by, _wait, _ec, _wde
    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager download anything

    only = {s.strip() for s in os.environ.get("CREDO_BROWSER_ONLY", "").split(",") if s.strip()}
    passed = failed = skipped = 0
    server = Server()
    state: dict = {"base": server.base}

    def on_signal(signum, _frame):
        server.stop()
        sys.exit(128 + signum)

    signal.signal(signal.SIGTERM, on_signal)
    try:
        try:
            server.start()
            state["anon"] = Browser(server.base)
        except Exception as exc:
            msg = str(exc) if isinstance(exc, CheckFailure) else describe(exc)
            print(f"FAIL setup: {msg}")
            print("0 passed, 1 failed")
            return 1
        for name, fn in CHECKS:
            if only and name not in only:
                continue
            t0 = time.monotonic()
            try:
                fn(state)
            except Skip as exc:
                skipped += 1
                print(f"SKIP {name}: {exc}", flush=True)
                continue
            except CheckFailure as exc:
                failed += 1
                print(f"FAIL {name}: {exc}", flush=True)
                continue
            except Exception as exc:  # selenium errors, timeouts, bugs in this file
                failed += 1
                url = ""
                try:
                    url = Browser.last.url if Browser.last else ""
                except Exception:
                    pass
                print(f"FAIL {name}: {describe(exc)}" + (f" [last URL {url}]" if url else ""), flush=True)
                continue
            passed += 1
            print(f"PASS {name} ({time.monotonic() - t0:.1f}s)", flush=True)
    finally:
        for b in Browser.all:
            b.quit()
        if failed:
            print("server output (last lines):")
            print(server.tail(25))
        server.stop()
    line = f"{passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    print(line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
