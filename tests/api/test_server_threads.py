"""`nrw-assistant serve` builds its app with torch limited to NRWA_SERVER_TORCH_THREADS (a process-wide setting)."""

from __future__ import annotations

import torch

from api.app import create_served_app
from assistant.settings import Settings
from tests.corpus_builder import write_test_corpus


def test_the_served_app_limits_torch_to_the_servers_threads(tmp_path):
    before = torch.get_num_threads()
    try:
        torch.set_num_threads(2)
        settings = Settings(data_dir=tmp_path / "data", corpus_dir=write_test_corpus(tmp_path / "corpus"),
                            server_torch_threads=1)
        app = create_served_app(settings)
        assert torch.get_num_threads() == 1
        assert app.state.components.settings.server_torch_threads == 1
    finally:
        torch.set_num_threads(before)
