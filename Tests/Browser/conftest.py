"""Shared fixtures of the browser tests: a real gateway with a mock SMTP server, and headless Chromium.

`gateway` (one per test module) runs `coursegate serve` on the example mapping plus a `mail:` section
pointing at an aiosmtpd capture server and a `hub:` section, on a temporary database, with an admin
key. `browser` (one per test) is Selenium driving Debian's headless Chromium; `shot` saves a
screenshot under .build/screenshots/ and `phone` narrows the window to a phone's width.
"""

import email
import email.policy
import os
import pathlib
import re
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.parse
import urllib.request

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("COURSEGATE_BIN", str(ROOT / ".build" / "debug" / "coursegate"))
SCREENSHOTS = ROOT / ".build" / "screenshots"

# The example's secrets, as scripts/run sets them: the fixtures in Mocks/Fixtures are signed with these.
SECRETS = {
    "TC_MAIN_SECRET": "KX7QZP2M4RWT",
    "TC_SECOND_SECRET": "change-me-second-account",
    "SENDOWL_SIGNING_KEY": "t9Xq2LmV7cRz4KpW8sNd3FhJ",
    "CHECKOUT_WEBHOOK_SECRET": "whsec_Jf3kQ9vXz2LmN8pR4tYw6bH1sD5gC7aE",
}

# Commands that open the database and so take --db (all of `mapping` but `mapping check`).
_DB_COMMANDS = {"keys", "customers", "import", "export", "outbox", "mapping", "access", "deliveries", "reconcile"}


def free_port():
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class MailCapture:
    """Every message the SMTP capture server received, parsed, oldest first."""

    def __init__(self):
        self._lock = threading.Lock()
        self._messages = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler hook
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        with self._lock:
            self._messages.append(message)
        return "250 OK"

    def messages(self):
        with self._lock:
            return list(self._messages)


class Gateway:
    """A running gateway and the ways the tests talk to it."""

    def __init__(self, base_url, admin_key, db, config, mail, process, env):
        self.base_url = base_url
        self.admin_key = admin_key
        self.db = db
        self.config = config
        self._mail = mail
        self.process = process
        self.env = env
        self._orders = 0

    def smtp_messages(self):
        """Mail the gateway sent, as `email.message.EmailMessage`, newest last."""
        return self._mail.messages()

    def wait_for_mail(self, to, timeout=20, after=0):
        """The newest message to `to` (among those past the first `after`), waiting up to `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in reversed(self.smtp_messages()[after:]):
                if to.lower() in str(message.get("To", "")).lower():
                    return message
            time.sleep(0.2)
        raise AssertionError(f"no mail to {to} within {timeout}s; got {[m.get('To') for m in self.smtp_messages()]}")

    def post_webhook(self, instance, body, content_type="application/x-www-form-urlencoded", headers=None):
        """POSTs `body` (bytes) to /webhooks/INSTANCE; returns (status, text)."""
        request = urllib.request.Request(f"{self.base_url}/webhooks/{instance}", data=body, method="POST",
                                         headers={"Content-Type": content_type, **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=15) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def purchase(self, email_address, name, product="12"):
        """A ThriveCart order.success for tc-main from the recorded fixture, as a distinct order
        for `email_address` and `name` buying `product`; returns the order id."""
        self._orders += 1
        order_id = str(4_000_000 + os.getpid() % 10_000 * 100 + self._orders)
        fixture = (ROOT / "Mocks" / "Fixtures" / "thrivecart" / "order.success.form").read_text().strip()
        first, _, last = name.partition(" ")
        replaced = []
        for pair in fixture.split("&"):
            key, _, value = pair.partition("=")
            name_key = urllib.parse.unquote_plus(key)
            if name_key in ("order_id", "order[id]"):
                value = order_id
            elif name_key == "customer[email]":
                value = urllib.parse.quote_plus(email_address)
            elif name_key == "customer[name]":
                value = urllib.parse.quote_plus(name)
            elif name_key == "customer[first_name]":
                value = urllib.parse.quote_plus(first)
            elif name_key == "customer[last_name]":
                value = urllib.parse.quote_plus(last)
            elif name_key in ("customer_id", "customer[id]"):
                value = str(17_000_000 + self._orders)
            elif name_key in ("base_product",) or (name_key.startswith("order[charges]") and name_key.endswith("[reference]")
                                                   and value == "12"):
                value = product
            elif name_key.startswith("transactions["):
                value = f"{value}{order_id}"
            replaced.append(f"{key}={value}")
        status, text = self.post_webhook("tc-main", "&".join(replaced).encode())
        assert status == 200, f"purchase webhook answered {status}: {text}"
        return order_id

    def subscribe(self, email_address, name):
        """The recorded ThriveCart subscription order (subscription 3498819, product 17), for
        `email_address`; once per gateway, as its order and subscription ids are fixed."""
        fixture = (ROOT / "Mocks" / "Fixtures" / "thrivecart" / "order.success.subscription.form").read_text().strip()
        pairs = []
        for pair in fixture.split("&"):
            key, _, value = pair.partition("=")
            field = urllib.parse.unquote_plus(key)
            if field == "customer[email]":
                value = urllib.parse.quote_plus(email_address)
            elif field == "customer[name]":
                value = urllib.parse.quote_plus(name)
            pairs.append(f"{key}={value}")
        status, text = self.post_webhook("tc-main", "&".join(pairs).encode())
        assert status == 200, f"subscription webhook answered {status}: {text}"

    def mails_to(self, to):
        """How many messages the gateway sent to `to` so far."""
        return len([m for m in self.smtp_messages() if to.lower() in str(m.get("To", "")).lower()])

    def cli(self, *args, check=True):
        """Runs `coursegate ARGS` (with `--db` for the commands that open the database)."""
        command = [BINARY, *args]
        if args and args[0] in _DB_COMMANDS and tuple(args[:2]) != ("mapping", "check") and "--db" not in args:
            command += ["--db", self.db]
        result = subprocess.run(command, capture_output=True, text=True, env=self.env, timeout=60, cwd=ROOT)
        if check and result.returncode != 0:
            raise AssertionError(f"{' '.join(command)} failed ({result.returncode}): {result.stderr}{result.stdout}")
        return result


class MockThriveCartAPI:
    """A stand-in for ThriveCart's API on a loopback port: answers the subscription actions
    (`POST /cancelSubscription`, …) with success and keeps what it was asked, so the hub's
    cancel goes through the real client to something that answers like ThriveCart."""

    def __init__(self):
        import http.server

        calls = self.calls = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                form = urllib.parse.parse_qs(self.rfile.read(length).decode())
                calls.append((self.path, {k: v[0] for k, v in form.items()}, self.headers.get("Authorization")))
                self._answer(b'{"success": true}')

            def do_GET(self):
                self._answer(b'{"transactions": [], "meta": {"page": 1, "perPage": 25, "total": 0}}')

            def _answer(self, body):
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()


# tc-main's API key in the tests (the mock ThriveCart API does not check it).
TC_API_KEY = "tc-browser-api-key"


def _mapping_text(smtp_port, http_port, thrivecart_api):
    text = (ROOT / "Examples" / "coursegate.yaml").read_text()
    # tc-main reaches the mock API, and its subscription product (17, the recorded
    # subscription order) opens the membership course.
    text = text.replace("    kind: thrivecart\n", f"    kind: thrivecart\n    api_url: {thrivecart_api}\n", 1)
    text = text.replace("routes:\n", 'routes:\n  - instance: tc-main\n    product: "17"\n    courses: [coaching-vault]\n', 1)
    text += f"""
mail:
  server: smtp://127.0.0.1:{smtp_port}
  from: School <team@school.example.com>
  tls: optional

hub:
  url: http://127.0.0.1:{http_port}/hub
  allow_cancel: true
  allow_pause: true
  contact: help@school.example.com
"""
    return text


def _start_server(config, db, port, env, folder):
    log = open(pathlib.Path(folder) / "serve.log", "w+")
    process = subprocess.Popen([BINARY, "serve", "--config", config, "--db", db, "--port", str(port),
                                "--sweep-interval", "1"],
                               stdout=subprocess.PIPE, stderr=log, text=True, env=env, cwd=ROOT)
    deadline = time.monotonic() + 30
    base_url = None
    lines = []

    def read():
        nonlocal base_url
        for line in process.stdout:
            lines.append(line)
            match = re.search(r"listening on (http://\S+)", line)
            if match and base_url is None:
                base_url = match.group(1)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    while base_url is None and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    if base_url is None:
        process.kill()
        log.seek(0)
        raise RuntimeError(f"coursegate serve did not start: {''.join(lines)}{log.read()}")
    return process, base_url


@pytest.fixture(scope="module")
def gateway():
    from aiosmtpd.controller import Controller

    assert os.path.exists(BINARY), f"{BINARY} is missing: run swift build first"
    folder = tempfile.mkdtemp(prefix="coursegate-browser-")
    mail = MailCapture()
    smtp_port = free_port()
    controller = Controller(mail, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    env = {**os.environ, **{k: os.environ.get(k, v) for k, v in SECRETS.items()}, "TC_MAIN_API_KEY": TC_API_KEY}
    thrivecart = MockThriveCartAPI()
    db = str(pathlib.Path(folder) / "coursegate.sqlite")
    config = str(pathlib.Path(folder) / "coursegate.yaml")
    http_port = free_port()
    pathlib.Path(config).write_text(_mapping_text(smtp_port, http_port, thrivecart.url))
    created = subprocess.run([BINARY, "keys", "create", "--name", "browser", "--scope", "admin", "--db", db],
                             capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    admin_key = created.stdout.strip().splitlines()[-1].strip()
    process, base_url = _start_server(config, db, http_port, env, folder)
    gateway = Gateway(base_url, admin_key, db, config, mail, process, env)
    gateway.thrivecart = thrivecart
    gateway.hub_url = f"http://127.0.0.1:{http_port}/hub"
    try:
        yield gateway
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        controller.stop()
        thrivecart.stop()


@pytest.fixture
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,900"):
        options.add_argument(argument)
    downloads = tempfile.mkdtemp(prefix="coursegate-downloads-")
    options.add_experimental_option("prefs", {"download.default_directory": downloads,
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")),
                              options=options)
    driver.set_window_size(1280, 900)
    driver.implicitly_wait(0)
    driver.set_page_load_timeout(30)
    driver.download_dir = downloads
    try:
        yield driver
    finally:
        driver.quit()


def shot(browser, name):
    """Saves a screenshot of the whole page as .build/screenshots/NAME.png and returns its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    height = browser.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
    width = browser.get_window_size()["width"]
    if height and height > browser.get_window_size()["height"]:
        browser.set_window_size(width, min(int(height) + 120, 4000))
        browser.save_screenshot(str(path))
        browser.set_window_size(width, 900 if width > 600 else 844)
    else:
        browser.save_screenshot(str(path))
    return path


def page_text(browser):
    """The visible text of the page in the window, or "" while a navigation is replacing it
    (Chromium can answer a read of the outgoing page with a plain WebDriverException, not a
    stale-element one, which WebDriverWait would not ignore)."""
    try:
        return browser.execute_script("return document.body ? document.body.innerText : ''") or ""
    except WebDriverException:
        return ""


def wait_text(browser, text, timeout=30):
    """Waits until `text` shows on the page; fails with what the page said instead."""
    try:
        WebDriverWait(browser, timeout).until(lambda b: text in page_text(b))
    except Exception as error:
        raise AssertionError(f"{text!r} did not show within {timeout}s; the page says: {page_text(browser)[:2000]}") from error


def mark_page(browser):
    """Marks the page in the window, so that `wait_next_page` can tell when another replaced it."""
    browser.execute_script("window.__coursegateOldPage = true")


def wait_next_page(browser, timeout=30):
    """Waits until a page other than the one marked by `mark_page` has loaded completely."""
    def loaded(b):
        try:
            return b.execute_script("return window.__coursegateOldPage !== true && document.readyState === 'complete'")
        except WebDriverException:
            return False
    WebDriverWait(browser, timeout).until(loaded)


def click_through(browser, element, timeout=30):
    """Clicks `element` (a link or a form's button) and waits for the page it leads to, so that
    a word on the old page (a button's own label) never passes for the answer."""
    mark_page(browser)
    element.click()
    wait_next_page(browser, timeout)


def phone(browser):
    """Narrows the window to a phone's (390×844)."""
    browser.set_window_size(390, 844)
