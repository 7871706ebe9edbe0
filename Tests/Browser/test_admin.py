"""The creator's admin pages in headless Chromium: sign-in, search, access rights, revoke and
restore, CSV import and export, operations; a screenshot of every page."""

import csv
import io
import time

import requests
from selenium.webdriver.common.by import By

from conftest import click_through, phone, shot, wait_text


def submit(browser, selector):
    """Clicks the button `selector` names and waits for the page it leads to."""
    click_through(browser, browser.find_element(By.CSS_SELECTOR, selector))


def sign_in(browser, gateway, key=None):
    browser.get(gateway.base_url + "/admin/login")
    browser.find_element(By.NAME, "key").send_keys(key or gateway.admin_key)
    submit(browser, "form[action='/admin/login'] button")


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
    wait_text(browser, "Customers")
    assert browser.current_url.endswith("/admin/customers")
    cookie = browser.get_cookie("coursegate_admin")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/admin"


def test_search_edit_access_revoke_and_restore(gateway, browser):
    gateway.purchase("grace.hopper@example.com", "Grace Hopper")
    sign_in(browser, gateway)
    browser.find_element(By.NAME, "q").send_keys("hopper")
    submit(browser, "form[role=search] button")
    wait_text(browser, "grace.hopper@example.com")
    shot(browser, "admin-customers-search")
    click_through(browser, browser.find_element(By.LINK_TEXT, "Grace Hopper"))
    wait_text(browser, "Edit access rights")
    assert "active" in access_row(browser, "web-basics").text
    shot(browser, "admin-customer")

    # Edit access rights: tick JavaScript Deep Dive, keep the rest.
    box = browser.find_element(By.CSS_SELECTOR, "#edit-access input[name=course][value='js-deep-dive']")
    assert not box.is_selected()
    box.click()
    submit(browser, "#edit-access button[type=submit]")
    wait_text(browser, "Access rights saved")
    assert "active" in access_row(browser, "js-deep-dive").text
    assert "active" in access_row(browser, "web-basics").text

    # Revoke with a message, then restore.
    row = access_row(browser, "js-deep-dive")
    row.find_element(By.NAME, "message").send_keys("Paused while we sort out your invoice")
    click_through(browser, row.find_element(By.CSS_SELECTOR, "form.revoke button"))
    wait_text(browser, "Revoked")
    row = access_row(browser, "js-deep-dive")
    assert "revoked" in row.text and "Paused while we sort out your invoice" in row.text
    shot(browser, "admin-customer-revoked")
    click_through(browser, row.find_element(By.CSS_SELECTOR, "form.restore button"))
    wait_text(browser, "Restored")
    assert "active" in access_row(browser, "js-deep-dive").text
    shown = gateway.cli("customers", "show", "grace.hopper@example.com").stdout
    assert "admin-page:browser" in shown

    phone(browser)
    browser.refresh()
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 400, f"the customer page is wider than the phone: {width}px"
    shot(browser, "admin-customer-phone")


def test_add_a_customer_then_expiry_welcome_mail_and_an_admin_cancel(gateway, browser):
    sign_in(browser, gateway)
    browser.get(gateway.base_url + "/admin/customers/new")
    browser.find_element(By.ID, "name").send_keys("Katherine Johnson")
    browser.find_element(By.ID, "email").send_keys("katherine.j@example.com")
    browser.find_element(By.CSS_SELECTOR, "input[name=course][value='css-mastery']").click()
    submit(browser, "form[action='/admin/customers'] button[type=submit]")
    wait_text(browser, "Edit access rights")
    assert "Katherine Johnson" in browser.find_element(By.TAG_NAME, "h1").text
    assert "active" in access_row(browser, "css-mastery").text
    welcome = gateway.wait_for_mail("katherine.j@example.com")
    assert "CSS Mastery" in welcome["Subject"], "a new customer gets the course's welcome mail"
    text = welcome.get_body(preferencelist=("plain",)).get_content()
    assert "https://school.example.com/courses/css-mastery/login" in text, text
    assert gateway.hub_url in text, "every receipt-style mail carries the hub link"

    # Expiry: set a date, then remove it.
    row = access_row(browser, "css-mastery")
    browser.execute_script("arguments[0].value = '2030-12-31'", row.find_element(By.NAME, "expires_at"))
    click_through(browser, row.find_element(By.XPATH, ".//button[text()='Set expiry']"))
    wait_text(browser, "Expiry set")
    assert "2030-12-31" in access_row(browser, "css-mastery").text
    click_through(browser, access_row(browser, "css-mastery").find_element(By.NAME, "remove"))
    wait_text(browser, "Expiry removed")
    assert "never" in access_row(browser, "css-mastery").text

    # Resend the welcome mail: one more message reaches the customer.
    sent = gateway.mails_to("katherine.j@example.com")
    submit(browser, "form[action$='/welcome'] button")
    wait_text(browser, "Welcome mail queued")
    deadline = time.monotonic() + 20
    while gateway.mails_to("katherine.j@example.com") <= sent and time.monotonic() < deadline:
        time.sleep(0.2)
    assert gateway.mails_to("katherine.j@example.com") == sent + 1

    # A subscription cancelled by support: ThriveCart is asked to stop it, and the admin
    # cancel policy (on_admin_cancel: keep) leaves the membership open.
    gateway.subscribe("katherine.j@example.com", "Katherine Johnson")
    browser.refresh()
    wait_text(browser, "3498819")
    assert "active" in access_row(browser, "coaching-vault").text
    shot(browser, "admin-customer-subscription")
    calls = len(gateway.thrivecart.calls)
    submit(browser, "form[action$='/payment'] input[value='cancel'] ~ button")
    flash = browser.find_element(By.CSS_SELECTOR, "p.flash")
    assert "error" not in flash.get_attribute("class"), flash.text
    assert [call[0] for call in gateway.thrivecart.calls[calls:]] == ["/cancelSubscription"]
    assert gateway.thrivecart.calls[-1][1]["subscription_id"] == "3498819"
    assert "active" in access_row(browser, "coaching-vault").text


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
    assert "put in force" in browser.find_element(By.ID, "last-reload").text
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
