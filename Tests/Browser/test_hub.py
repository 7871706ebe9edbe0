"""The customer hub in a real browser: ask for a link, read it from the mail, sign in, see the
courses and subscriptions, refuse a used link, answer unknown emails the same."""

import re
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import click_through, mark_page, phone, shot, wait_next_page


def _alert(browser):
    try:
        browser.switch_to.alert
        return True
    except Exception:
        return False


def request_link(browser, gateway, email):
    browser.get(f"{gateway.base_url}/hub")
    field = browser.find_element(By.ID, "email")
    field.clear()
    field.send_keys(email)
    click_through(browser, browser.find_element(By.CSS_SELECTOR, "form[action='/hub/link'] button"))
    assert browser.find_elements(By.ID, "link-sent"), browser.find_element(By.TAG_NAME, "main").text
    return browser.find_element(By.TAG_NAME, "main").text


def link_in(message):
    body = message.get_body(preferencelist=("plain",)).get_content()
    match = re.search(r"(http://\S+/hub/login\?token=[A-Za-z0-9_-]+)", body)
    assert match, f"no sign-in link in: {body}"
    return match.group(1)


def wait_for_link(gateway, to, timeout=20):
    """The sign-in link of the newest sign-in mail to `to`, waiting for it (welcome mails are skipped)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in reversed(gateway.smtp_messages()):
            if to.lower() in str(message.get("To", "")).lower() and message["Subject"] == "Your sign-in link":
                return link_in(message)
        time.sleep(0.2)
    raise AssertionError(f"no sign-in mail to {to} within {timeout}s")


def test_a_customer_signs_in_with_a_mailed_link_and_sees_their_courses(gateway, browser):
    order = gateway.purchase("mia.hub@example.com", "Mia Hub")
    gateway.subscribe("mia.hub@example.com", "Mia Hub")
    browser.get(f"{gateway.base_url}/hub")
    shot(browser, "hub-request")
    answer = request_link(browser, gateway, "mia.hub@example.com")
    assert "If we know this email, a sign-in link is on its way" in answer
    shot(browser, "hub-link-sent")

    link = wait_for_link(gateway, "mia.hub@example.com")
    browser.get(link)
    assert browser.current_url.endswith("/hub/me")
    page = browser.find_element(By.TAG_NAME, "main").text
    assert "Web Basics" in page and "active" in page
    assert "Mia Hub" in page
    subscriptions = browser.find_element(By.ID, "subscriptions").text
    assert "active" in subscriptions
    assert "Coaching Vault" in page, "the subscription product opens the membership"
    assert order in browser.find_element(By.ID, "purchases").text
    assert order in browser.find_element(By.ID, "payments").text
    shot(browser, "hub-me")
    phone(browser)
    browser.refresh()
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 400, f"the page is wider than the phone: {width}px"
    shot(browser, "hub-me-phone")

    # Cancel the subscription: the hub asks ThriveCart to stop it, and the hub cancel policy
    # (on_hub_cancel: revoke_now) ends the membership at once.
    browser.set_window_size(1280, 900)
    browser.get(f"{gateway.base_url}/hub/me")
    mark_page(browser)
    browser.find_element(By.CSS_SELECTOR, "button[value='cancel']").click()
    WebDriverWait(browser, 10).until(lambda b: _alert(b))
    browser.switch_to.alert.accept()
    wait_next_page(browser)
    assert "Your subscription is cancelled" in browser.find_element(By.ID, "notice").text
    status = browser.find_element(By.CSS_SELECTOR, "#subscriptions tr[data-subscription='3498819'] .status").text
    assert "cancel" in status.lower(), status
    vault = [card.text for card in browser.find_elements(By.CSS_SELECTOR, "#courses .course") if "Coaching Vault" in card.text]
    assert vault and "revoked" in vault[0], f"the page shows the membership gone: {vault}"
    shot(browser, "hub-me-cancelled")
    assert [call[0] for call in gateway.thrivecart.calls] == ["/cancelSubscription"]
    assert gateway.thrivecart.calls[0][1]["subscription_id"] == "3498819"
    shown = gateway.cli("access", "show", "mia.hub@example.com")
    assert "coaching-vault: revoked (cancelled)" in shown.stdout, shown.stdout
    assert "web-basics: active" in shown.stdout, "the one-off purchase is untouched"

    # The same link again: refused with a clear page and the form.
    browser.get(link)
    refused = browser.find_element(By.ID, "link-refused").text
    assert "expired or was already used" in refused
    assert browser.find_element(By.ID, "email")
    shot(browser, "hub-link-refused")


def test_an_unknown_email_gets_the_same_answer_and_no_mail(gateway, browser):
    gateway.purchase("known.hub@example.com", "Known Hub")
    unknown = request_link(browser, gateway, "nobody.hub@example.com")
    known = request_link(browser, gateway, "known.hub@example.com")
    assert unknown == known
    wait_for_link(gateway, "known.hub@example.com")
    assert not [m for m in gateway.smtp_messages() if "nobody.hub" in str(m.get("To", ""))]


def test_a_name_change_shows_at_once(gateway, browser):
    gateway.purchase("ned.hub@example.com", "Ned Hub")
    request_link(browser, gateway, "ned.hub@example.com")
    browser.get(wait_for_link(gateway, "ned.hub@example.com"))
    name = browser.find_element(By.ID, "name")
    name.clear()
    name.send_keys("Ned Renamed")
    click_through(browser, browser.find_element(By.CSS_SELECTOR, "#details button"))
    assert "Your name is saved" in browser.find_element(By.ID, "notice").text
    assert "Ned Renamed" in browser.find_element(By.TAG_NAME, "h1").text
