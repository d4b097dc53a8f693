"""Webhooks go to public addresses only, unless the deployment explicitly allows private ones: a loopback or
private URL in the channels file stops the app from starting, and a name that resolves inside is refused when
sending. (The app factory builds its app-data services with build_app_data_services, so this is its start.)"""

from __future__ import annotations

import pytest
import yaml

from api.app_data_services import build_app_data_services
from api.handoff.address_policy import ForbiddenAddress, check_resolved_host
from api.handoff.channels import HandoffChannelsError
from assistant.settings import Settings


def _settings(tmp_path, **values) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path / "data", corpus_dir=tmp_path, **values)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080/hook", "http://10.1.2.3/hook", "http://[::1]/hook",
                                 "http://localhost/hook", "http://169.254.169.254/latest", "http://[::ffff:127.0.0.1]/"])
def test_private_webhook_urls_need_explicit_permission(tmp_path, url):
    channels_file = tmp_path / "channels.yaml"
    channels_file.write_text(yaml.safe_dump({"default": {"channel": "webhook", "url": url}}), encoding="utf-8")
    with pytest.raises(HandoffChannelsError, match="handoff_allow_private_webhooks"):
        build_app_data_services(_settings(tmp_path, handoff_channels_file=channels_file))
    allowed = _settings(tmp_path, handoff_channels_file=channels_file, handoff_allow_private_webhooks=True)
    assert build_app_data_services(allowed).channels.default.url == url


def test_a_name_resolving_to_loopback_is_refused_when_sending():
    with pytest.raises(ForbiddenAddress, match="non-public"):
        check_resolved_host("localhost", 80, allow_private=False)
    check_resolved_host("localhost", 80, allow_private=True)  # allowed explicitly: no error


@pytest.mark.parametrize("entry", [
    {"channel": "webhook", "url": "ftp://example.org/x"},
    {"channel": "email", "to": ["keine-adresse"]},
    {"channel": "email", "to": []},
    {"channel": "fax", "to": ["0211 123"]},
    {"channel": "webhook", "url": "https://example.org/x", "verify": False},
])
def test_invalid_channel_entries_stop_the_start(tmp_path, entry):
    channels_file = tmp_path / "channels.yaml"
    channels_file.write_text(yaml.safe_dump({"partners": {"ihk-teststadt": entry}}), encoding="utf-8")
    settings = _settings(tmp_path, handoff_channels_file=channels_file, smtp_host="127.0.0.1",
                         smtp_from="a@example.org")
    with pytest.raises(HandoffChannelsError, match=r"partners\.ihk-teststadt"):
        build_app_data_services(settings)
