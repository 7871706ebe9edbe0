"""The creator's admin pages in headless Chromium: sign-in, search, access rights, revoke and
restore, CSV import and export, operations; a screenshot of every page."""

import csv
import io

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import phone, shot


def wait_text(browser, text, timeout=30):
    WebDriverWait(browser, timeout).until(EC.text_to_be_present_in_element((By.TAG_NAME, "body"), text))


def submit(browser, selector, timeout=30):
    """Clicks a form's button and waits for the next page (a word on the old page, such as a
    button's own label, must not pass for the answer)."""
    page = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.CSS_SELECTOR, selector).click()
    WebDriverWait(browser, timeout).until(EC.staleness_of(page))


def sign_in(browser, gateway, key=None):
    browser.get(gateway.base_url + "/admin/login")
    browser.find_element(By.NAME, "key").send_keys(key or gateway.admin_key)
    browser.find_element(By.CSS_SELECTOR, "form[action='/admin/login'] button").click()


def access_row(browser, course):
    return browser.find_element(By.CSS_SELECTOR, f"#access tr[data-course='{course}']")


def test_a_wrong_key_is_refused_and_an_admin_key_signs_in(gateway, browser):
    browser.get(gateway.base_url + "/admin")
    assert browser.current_url.endswith("/admin/login")
    shot(browser, "admin-login")
    sign_in(browser, gateway, key="not-a-key")
    wait_text(browser, "not a live API key")
    shot(browser, "admin-login-refused")
    read_key = gateway.cli("keys", "create", "--name", "reader", "--scope", "read").stdout.strip().splitlines()[-1]
    sign_in(browser, gateway, key=read_key)
    wait_text(browser, "read key")
    sign_in(browser, gateway)
    wait_text(browser, "Active customers" if False else "Customers")
    assert browser.current_url.endswith("/admin/customers")
    cookie = browser.get_cookie("coursegate_admin")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/admin"


def test_search_edit_access_revoke_and_restore(gateway, browser):
    gateway.purchase("grace.hopper@example.com", "Grace Hopper")
    sign_in(browser, gateway)
    browser.find_element(By.NAME, "q").send_keys("hopper")
    browser.find_element(By.CSS_SELECTOR, "form[role=search] button").click()
    wait_text(browser, "grace.hopper@example.com")
    shot(browser, "admin-customers-search")
    browser.find_element(By.LINK_TEXT, "Grace Hopper").click()
    wait_text(browser, "Edit access rights")
    assert "active" in access_row(browser, "web-basics").text
    shot(browser, "admin-customer")

    # Edit access rights: tick JavaScript Deep Dive, keep the rest.
    box = browser.find_element(By.CSS_SELECTOR, "#edit-access input[name=course][value='js-deep-dive']")
    assert not box.is_selected()
    box.click()
    browser.find_element(By.CSS_SELECTOR, "#edit-access button[type=submit]").click()
    wait_text(browser, "Access rights saved")
    assert "active" in access_row(browser, "js-deep-dive").text
    assert "active" in access_row(browser, "web-basics").text

    # Revoke with a message, then restore.
    row = access_row(browser, "js-deep-dive")
    row.find_element(By.NAME, "message").send_keys("Paused while we sort out your invoice")
    row.find_element(By.CSS_SELECTOR, "form.revoke button").click()
    wait_text(browser, "Revoked")
    row = access_row(browser, "js-deep-dive")
    assert "revoked" in row.text and "Paused while we sort out your invoice" in row.text
    shot(browser, "admin-customer-revoked")
    row.find_element(By.CSS_SELECTOR, "form.restore button").click()
    wait_text(browser, "Restored")
    assert "active" in access_row(browser, "js-deep-dive").text
    shown = gateway.cli("customers", "show", "grace.hopper@example.com").stdout
    assert "admin-page:browser" in shown

    phone(browser)
    shot(browser, "admin-customer-phone")


def test_import_preview_then_apply_and_export_read_back(gateway, browser):
    sign_in(browser, gateway)
    browser.get(gateway.base_url + "/admin/import")
    shot(browser, "admin-import")
    rows = ("name,email,products,courses,expires_at\n"
            "Ada Lovelace,ada.import@example.com,,css-mastery,\n"
            "Alan Turing,alan.import@example.com,,css-mastery,\n")
    browser.find_element(By.ID, "csv").send_keys(rows)
    submit(browser, "#import-form button[name=preview]")
    wait_text(browser, "Preview")
    table = browser.find_element(By.ID, "rows").text
    assert "ada.import@example.com" in table and "alan.import@example.com" in table
    assert "2 new" in browser.find_element(By.ID, "report").text
    shot(browser, "admin-import-preview")
    assert "ada.import@example.com" not in gateway.cli("customers", "search", "import").stdout
    submit(browser, "#import-form button[name=apply]")
    wait_text(browser, "Imported")
    shot(browser, "admin-import-applied")
    browser.get(gateway.base_url + "/admin/customers?q=import")
    wait_text(browser, "ada.import@example.com")
    assert "alan.import@example.com" in browser.find_element(By.ID, "customers").text

    # The export, fetched with the browser's session cookie.
    session = requests.Session()
    session.cookies.set("coursegate_admin", browser.get_cookie("coursegate_admin")["value"], path="/admin")
    response = session.get(gateway.base_url + "/admin/export/css-mastery.csv", timeout=15)
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    exported = list(csv.DictReader(io.StringIO(response.text)))
    emails = {row["email"] for row in exported}
    assert {"ada.import@example.com", "alan.import@example.com"} <= emails
    assert requests.get(gateway.base_url + "/admin/export/css-mastery.csv", timeout=15, allow_redirects=False).status_code == 303


def test_operations_shows_the_purchase_delivery_and_the_mapping(gateway, browser):
    gateway.purchase("ops.check@example.com", "Ops Check")
    sign_in(browser, gateway)
    browser.get(gateway.base_url + "/admin/operations")
    wait_text(browser, "Mapping in force")
    inbound = browser.find_element(By.ID, "inbound").text
    assert "tc-main" in inbound and "recorded" in inbound
    shot(browser, "admin-operations")
    browser.get(gateway.base_url + "/admin/customers/new")
    shot(browser, "admin-add-customer")


def test_a_form_without_the_session_token_is_refused(gateway, browser):
    sign_in(browser, gateway)
    wait_text(browser, "Customers")
    token = browser.get_cookie("coursegate_admin")["value"]
    response = requests.post(gateway.base_url + "/admin/customers", data={"email": "forged@example.com", "csrf": "wrong"},
                             cookies={"coursegate_admin": token}, allow_redirects=False, timeout=15)
    assert response.status_code == 403
    assert "forged@example.com" not in gateway.cli("customers", "search", "forged").stdout
