"""Start or stop a local SolrCloud on 127.0.0.1 for trying and testing the quotes Solr backend.

    scripts/solrcloud start DIR [--nodes 2] [--shards 2] [--replicas 2]
    scripts/solrcloud start DIR            # again: restarts any node that is down, waits
                                           # until every collection's replicas are active
    scripts/solrcloud stop DIR

``start`` builds the node launcher with Maven (solr/pom.xml; jars cached in ~/.m2), starts each
node in its own JVM (the first also hosts ZooKeeper), waits for every node to be live, creates
the collection ``quotes`` (2 shards, replication factor 2) and waits until it is active. It writes
the collection's URL to DIR/url and one PID per node JVM to DIR/pids (the last is a node that
hosts no ZooKeeper: killing it leaves the cluster up), prints the URL and returns. Real Solr
nodes (the server's own code, from solr-test-framework), not a mock.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ROOT / "solr"
JAR = PROJECT / "target" / "quotes-solrcloud-1.0.jar"
LIB = PROJECT / "target" / "lib"


def _build() -> None:
    if JAR.exists() and LIB.is_dir() and any(LIB.iterdir()):
        return
    print("building the SolrCloud launcher with Maven (first time only) ...", file=sys.stderr)
    subprocess.run(["mvn", "-q", "-B", "-f", str(PROJECT / "pom.xml"), "package", "-DskipTests"], check=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:  # a zombie child of ours counts as gone
        return not Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    except OSError:
        return True


def _live_nodes(port: int) -> list[str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/solr/admin/collections?action=CLUSTERSTATUS&wt=json",
                                    timeout=10) as r:
            return list(json.load(r)["cluster"]["live_nodes"])
    except Exception:  # not up yet
        return []


def _start_node(d: Path, port: int, zk_port: int, with_zk: bool) -> int:
    log = open(d / f"node-{port}.log", "ab")
    cmd = ["java", "-Xms256m", "-Xmx768m", "-Dsolr.log.dir=" + str(d / "logs"), "-Djava.net.preferIPv4Stack=true",
           "-cp", f"{JAR}{os.pathsep}{LIB}/*", "quotes.SolrCloudNode", str(d), str(port), str(zk_port)]
    if with_zk:
        cmd.append("--with-zk")
    p = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    return p.pid


def _wait(what: str, ok, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ok():
            return
        time.sleep(0.5)
    raise SystemExit(f"solrcloud: {what} did not happen within {timeout:.0f} s (see the node logs)")


def start(d: Path, nodes: int, shards: int, replicas: int) -> None:
    d = d.resolve()
    d.mkdir(parents=True, exist_ok=True)
    _build()
    state = d / "state.json"
    if state.exists():  # restart the nodes that are down, keeping their ports
        st = json.loads(state.read_text())
        pids = [int(x) for x in (d / "pids").read_text().split()]
        for i, (port, pid) in enumerate(zip(st["ports"], pids)):
            if not _alive(pid):
                pids[i] = _start_node(d, port, st["zk_port"], with_zk=(i == 0))
                if i == 0:
                    _wait("ZooKeeper", lambda: _port_open(st["zk_port"]), 60)
        (d / "pids").write_text("\n".join(map(str, pids)) + "\n")
        ports = st["ports"]
    else:
        zk_port, ports = _free_port(), [_free_port() for _ in range(nodes)]
        pids = [_start_node(d, ports[0], zk_port, with_zk=True)]
        _wait("ZooKeeper", lambda: _port_open(zk_port), 90)
        pids += [_start_node(d, p, zk_port, with_zk=False) for p in ports[1:]]
        (d / "pids").write_text("\n".join(map(str, pids)) + "\n")
        state.write_text(json.dumps({"zk_port": zk_port, "ports": ports}))
    _wait(f"{len(ports)} live nodes", lambda: len(_live_nodes(ports[0])) >= len(ports), 180)
    url = f"http://127.0.0.1:{ports[0]}/solr/quotes"
    sys.path.insert(0, str(ROOT))
    from quotes.store.solr_store import init_collection

    init_collection(url, shards=shards, replicas=replicas, wait=180)
    # every collection's, not only this one's: after a restart a replica that is still recovering
    # takes updates into a buffer, and an index run at once could be counted before they show
    _wait("every replica active", lambda: _every_replica_active(f"http://127.0.0.1:{ports[0]}/solr"), 180)
    (d / "url").write_text(url + "\n")
    print(url)


def _every_replica_active(base: str) -> bool:
    from quotes.store.solr_store import _all_active, _Http

    http = _Http(base)
    return all(_all_active(http, name) for name in http.call("/admin/collections", {"action": "LIST"})["collections"])


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def stop(d: Path) -> None:
    pids_file = d / "pids"
    if not pids_file.exists():
        print(f"solrcloud: nothing running in {d}", file=sys.stderr)
        return
    pids = [int(x) for x in pids_file.read_text().split()]
    for pid in reversed(pids):  # ZooKeeper's node last
        try:
            os.killpg(pid, signal.SIGTERM)
        except OSError:
            pass
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.2)
    for pid in pids:
        if _alive(pid):
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
    for name in ("pids", "url", "state.json"):
        (d / name).unlink(missing_ok=True)


def main() -> None:
    ap = argparse.ArgumentParser(prog="scripts/solrcloud", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("start")
    s.add_argument("dir", type=Path)
    s.add_argument("--nodes", type=int, default=2)
    s.add_argument("--shards", type=int, default=2)
    s.add_argument("--replicas", type=int, default=2)
    t = sub.add_parser("stop")
    t.add_argument("dir", type=Path)
    a = ap.parse_args()
    if a.cmd == "start":
        start(a.dir, a.nodes, a.shards, a.replicas)
    else:
        stop(a.dir.resolve())


if __name__ == "__main__":
    main()
