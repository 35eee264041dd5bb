"""Outgoing mail is configured from EMAIL_URL or from the separate EMAIL_* variables."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from medinfo.settings.base import email_settings

MAIL_VARIABLES = ["EMAIL_URL", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER",
                  "EMAIL_HOST_PASSWORD", "EMAIL_USE_TLS", "EMAIL_USE_SSL", "EMAIL_TIMEOUT"]  # fmt: skip


@pytest.fixture
def environ(monkeypatch):
    """Set mail variables on a clean slate."""
    for name in MAIL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return lambda **values: [monkeypatch.setenv(name, value) for name, value in values.items()]


def test_email_url_with_starttls(environ):
    """smtp+tls:// gives host, port, credentials (percent-decoded) and STARTTLS."""
    environ(EMAIL_URL="smtp+tls://mailer:p%40ss%2Fword@smtp.example:2525")
    found = email_settings()
    assert (found["EMAIL_HOST"], found["EMAIL_PORT"]) == ("smtp.example", 2525)
    assert (found["EMAIL_HOST_USER"], found["EMAIL_HOST_PASSWORD"]) == ("mailer", "p@ss/word")
    assert (found["EMAIL_USE_TLS"], found["EMAIL_USE_SSL"]) == (True, False)


def test_email_url_with_ssl_defaults_to_port_465(environ):
    """smtp+ssl:// without a port speaks TLS from the start on port 465."""
    environ(EMAIL_URL="smtp+ssl://smtp.example")
    found = email_settings()
    assert (found["EMAIL_PORT"], found["EMAIL_USE_SSL"], found["EMAIL_USE_TLS"]) == (
        465,
        True,
        False,
    )


def test_separate_variables(environ):
    """Without EMAIL_URL the EMAIL_HOST … variables apply; the timeout is configurable."""
    environ(EMAIL_HOST="mail.internal", EMAIL_PORT="587", EMAIL_HOST_USER="medinfo",
            EMAIL_HOST_PASSWORD="secret", EMAIL_USE_TLS="true", EMAIL_TIMEOUT="3")  # fmt: skip
    found = email_settings()
    assert found == {
        "EMAIL_HOST": "mail.internal",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "medinfo",
        "EMAIL_HOST_PASSWORD": "secret",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 3.0,
    }


def test_defaults_are_a_local_relay_with_a_ten_second_timeout(environ):
    """Nothing set: localhost port 25, no TLS, attempts time out after 10 seconds."""
    found = email_settings()
    assert (found["EMAIL_HOST"], found["EMAIL_PORT"], found["EMAIL_TIMEOUT"]) == (
        "localhost",
        25,
        10,
    )


def test_tls_and_ssl_together_are_refused(environ):
    """Asking for STARTTLS and SSL at once stops the settings with a clear message."""
    environ(EMAIL_USE_TLS="true", EMAIL_USE_SSL="true")
    with pytest.raises(ImproperlyConfigured, match="not both"):
        email_settings()
