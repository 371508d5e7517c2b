"""The pages' server freezes each worker's heap once the application is loaded and again
once the worker is warm, the sockets' server once loaded (docker/_heap.py), through
gunicorn's hooks in their configs."""

import gc
import runpy
from types import SimpleNamespace

import pytest

from docker import _heap
from tests.deployment.checks import ROOT


@pytest.fixture
def frozen_count():
    """gc.get_freeze_count, with whatever a test froze unfrozen afterwards."""
    before = gc.get_freeze_count()
    yield gc.get_freeze_count
    gc.unfreeze()
    if before:
        gc.freeze()


def test_the_pages_server_config_installs_the_hooks():
    config = runpy.run_path(str(ROOT / "docker/gunicorn.conf.py"))
    assert config["post_worker_init"] is _heap.post_worker_init
    assert config["post_request"] is _heap.post_request


def test_the_sockets_server_freezes_once_loaded_only():
    """Its workers are never recycled: nothing frozen once they serve could be reclaimed."""
    config = runpy.run_path(str(ROOT / "docker/live.conf.py"))
    assert config["post_worker_init"] is _heap.post_worker_init
    assert "post_request" not in config


def test_a_worker_freezes_its_heap_once_loaded(frozen_count):
    gc.unfreeze()
    _heap.post_worker_init(SimpleNamespace(nr=0))
    assert frozen_count() > 0


def test_a_worker_freezes_again_once_warm_and_only_once(frozen_count):
    worker = SimpleNamespace(nr=0)
    gc.unfreeze()
    for served in range(1, _heap.WARM_REQUESTS):
        worker.nr = served
        _heap.post_request(worker, None, {}, None)
    assert frozen_count() == 0
    worker.nr = _heap.WARM_REQUESTS
    _heap.post_request(worker, None, {}, None)
    assert frozen_count() > 0
    gc.unfreeze()
    worker.nr += 1
    _heap.post_request(worker, None, {}, None)
    assert frozen_count() == 0
