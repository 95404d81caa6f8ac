"""The Dask runner on a real distributed.LocalCluster with two worker processes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")
import cloudpickle  # noqa: E402  (installed with distributed)

from ci_helpers import invoke  # noqa: E402
from factcheck.dask import (  # noqa: E402
    MANIFEST, PLUGIN_NAME, CheckerPlugin, RegistryBundle, RegistryMismatch, check_bag, concatenated, read_records,
    register, run, write_shards,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "articles"
DATA = Path(__file__).resolve().parent / "data"
cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the flaky partition below runs on the workers


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        with distributed.Client(cluster) as client:
            yield client


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    folder = tmp_path_factory.mktemp("records")
    lines = []
    for i, path in enumerate(sorted(CORPUS.iterdir())[:9]):
        lines.append(json.dumps({"id": f"a{i}", "text": path.read_text(encoding="utf-8"), "format": path.suffix.lstrip("."),
                                 "url": f"https://example.org/{path.name}"}))
        if i == 4:
            lines += ["{broken", json.dumps({"id": "no-text"}), ""]
    path = folder / "records.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    serial = invoke("check", "--input-format", "jsonl", path, "--jobs", "1", "--no-cache")
    assert serial.exit_code == 2
    return path, serial.stdout.encode("utf-8")


def test_two_workers_write_exactly_the_serial_output(client, records, tmp_path):
    path, serial = records
    manifest = run(client, str(path), str(tmp_path / "out"), lines_per_partition=3)
    assert concatenated(str(tmp_path / "out")) == serial
    assert [s["shard"] for s in manifest["shards"]] == [f"part-{i:05d}.jsonl" for i in range(4)]
    assert (manifest["records"], manifest["errors"]) == (11, 2)
    assert json.loads((tmp_path / "out" / MANIFEST).read_text()) == manifest
    # one checker per worker process, built by the plugin
    built = client.run(lambda dask_worker: dask_worker.plugins[PLUGIN_NAME].checker is not None)
    assert list(built.values()) == [True, True]


def _fail_once(items, flag: str):
    flag_path = Path(flag)
    items = list(items)
    if any(getattr(item, "line", None) == 4 for item in items) and not flag_path.exists():
        flag_path.write_text("failed once")
        raise RuntimeError("injected failure")
    return items


def test_a_failed_partition_is_retried_without_duplicating_output(client, records, tmp_path):
    path, serial = records
    out = tmp_path / "out"
    out.mkdir()
    (out / "part-00009.jsonl").write_text("stale shard of an earlier run\n")
    (out / ".part-00001.jsonl.dead.tmp").write_text("half-written by a killed worker")
    sha = register(client)
    flaky = read_records(str(path), 3).map_partitions(_fail_once, str(tmp_path / "flag"))
    manifest = write_shards(check_bag(flaky, sha), str(out), client, retries=1)
    assert (tmp_path / "flag").exists()  # the failure happened, and the retry succeeded
    assert concatenated(str(out)) == serial
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST] + [s["shard"] for s in manifest["shards"]]
    # running again over the same folder rewrites the same shards: nothing duplicated
    run(client, str(path), str(out), lines_per_partition=3)
    assert concatenated(str(out)) == serial


def test_a_worker_refuses_another_registry(client, records):
    path, _ = records
    register(client)
    with pytest.raises(RegistryMismatch):
        check_bag(read_records(str(path), 3), "0" * 64).compute()


def test_the_plugin_refuses_a_registry_that_does_not_hash_as_shipped(tmp_path):
    good = RegistryBundle.collect([str(DATA / "registry")], include_bundled=False)
    plugin = CheckerPlugin(RegistryBundle(False, good.files, 1, "f" * 64))
    with pytest.raises(RegistryMismatch, match="differs from the client's"):
        plugin.setup()
    plugin.teardown()
    shipped = CheckerPlugin(good)
    shipped.setup()
    assert shipped.checker.registry.sha256 == good.sha256 and len(shipped.checker.registry.entries) > 0
    shipped.teardown()


def test_factcheck_batch_with_a_scheduler_address(client, records, tmp_path):
    path, serial = records
    address = client.scheduler.address
    result = invoke("batch", path, "-o", tmp_path / "out", "--scheduler", address, "--partition-lines", "4")
    assert result.exit_code == 2 and "11 records, 2 errors, 3 shards" in result.stderr
    assert concatenated(str(tmp_path / "out")) == serial
