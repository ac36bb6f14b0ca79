#!/usr/bin/env python3
"""Loopback cluster services for the `cluster` tests (#19.6): PostgreSQL, an S3 server (moto), Dask.

    cluster.py up   [--dir DIR] [--owner PID] [--ttl SECONDS] [--only postgres,s3,dask] [--dask-workers N]
    cluster.py down [--dir DIR]
    cluster.py env  [--dir DIR]

`up` starts one supervisor process that owns every service as its child, waits until all answer,
and writes DIR/cluster.env (KEY=value lines a shell can source, the addresses and credentials).
Everything listens on 127.0.0.1 only, and nothing outlives its run:
- the supervisor stops its services after --ttl seconds, when the --owner process ends (the
  `make test` shell, or pytest), and on SIGTERM/SIGINT (`down`);
- each service gets PR_SET_PDEATHSIG, so even a SIGKILLed supervisor takes them with it;
- Dask workers also leave on their own when the scheduler is gone (--death-timeout).
PostgreSQL is initdb'd into a temporary folder on a free port and run in the foreground (not through
`pg_ctl start`, which would detach it from the supervisor), as the `postgres` user when we are root
(PostgreSQL refuses to run as root). Run with the project's Python (.venv): the S3 bucket is made
with boto3 and readiness of Dask is checked with distributed.
"""
from __future__ import annotations

import argparse
import ctypes
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent  # the venv's bin: dask, moto_server
DEFAULT_DIR = Path(tempfile.gettempdir()) / f"humstat-cluster-{os.getuid()}"
SERVICES = ("postgres", "s3", "dask")
S3_KEYS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}
BUCKET = "humstat"
READY_SECONDS = 120
PR_SET_PDEATHSIG = 1


class ServiceError(RuntimeError):
    """A service did not start; the message says which and why."""


def pg_bindir() -> Path | None:
    """The PostgreSQL server binaries: on PATH, or Debian's /usr/lib/postgresql/<major>/bin."""
    found = shutil.which("postgres") or shutil.which("initdb")
    if found:
        return Path(os.path.realpath(found)).parent
    for cand in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (cand / "postgres").exists() and (cand / "initdb").exists():
            return cand
    return None


def missing() -> dict[str, str]:
    """Services whose programs are absent on this machine -> why (empty when all can start)."""
    out = {}
    if pg_bindir() is None:
        out["postgres"] = "PostgreSQL server binaries (initdb, postgres) not found; `make postgres` installs them"
    if not (BIN / "moto_server").exists():
        out["s3"] = f"moto_server not in {BIN} (dev dependency moto[server]; run `make env`)"
    if not (BIN / "dask").exists():
        out["dask"] = f"dask not in {BIN} (run `make env`)"
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2:].split()[0] != "Z"


def read_env(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            out[key] = value.strip("'")
    return out


# ---------------------------------------------------------------- supervisor side


def _child_setup(uid: int | None = None, gid: int | None = None, sig: int = signal.SIGTERM):
    """preexec_fn: drop to `uid` first, then ask for `sig` when the supervisor dies (a credential
    change clears the parent-death signal, so the order matters)."""
    libc = ctypes.CDLL(None, use_errno=True)

    def setup() -> None:
        os.setpgid(0, 0)  # its own group: stop() can kill the service with whatever it started
        if gid is not None and uid is not None:
            os.setgroups([])
            os.setgid(gid)
            os.setuid(uid)
        libc.prctl(PR_SET_PDEATHSIG, sig)
    return setup


class Supervisor:
    """Starts the services as children, writes the env file, stops them all on any way out."""

    def __init__(self, run_dir: Path, dask_workers: int = 2) -> None:
        self.dir = run_dir
        self.dask_workers = dask_workers
        self.procs: list[tuple[str, subprocess.Popen, int]] = []  # name, process, stop signal
        self.env: dict[str, str] = {"HUMSTAT_CLUSTER_PID": str(os.getpid()), "HUMSTAT_CLUSTER_DIR": str(run_dir)}

    def spawn(self, name: str, argv: list[str], *, stop: int = signal.SIGTERM, user: str | None = None,
              cwd: Path | None = None) -> subprocess.Popen:
        uid = gid = None
        if user is not None:
            entry = pwd.getpwnam(user)
            uid, gid = entry.pw_uid, entry.pw_gid
        log = open(self.dir / f"{name}.log", "ab")
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                cwd=cwd or ROOT, preexec_fn=_child_setup(uid, gid, stop))
        log.close()
        self.procs.append((name, proc, stop))
        return proc

    def wait_for(self, name: str, proc: subprocess.Popen, check, what: str) -> None:
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise ServiceError(f"{name} exited with {proc.returncode} before {what}; see {self.dir}/{name}.log")
            try:
                if check():
                    return
            except Exception:  # noqa: BLE001 - not up yet
                pass
            time.sleep(0.2)
        raise ServiceError(f"{name} did not {what} within {READY_SECONDS} s; see {self.dir}/{name}.log")

    def postgres(self) -> None:
        bindir = pg_bindir()
        assert bindir is not None
        user = None
        if os.getuid() == 0:  # initdb and postgres refuse root
            user = "postgres"
            try:
                pwd.getpwnam(user)
            except KeyError as exc:
                raise ServiceError("running as root and there is no `postgres` user to run PostgreSQL") from exc
        base = self.dir / "postgres"  # inside the run folder: whoever removes it removes the data too
        shutil.rmtree(base, ignore_errors=True)
        data, sock = base / "data", base / "sock"
        sock.mkdir(parents=True)
        if user is not None:
            self.dir.chmod(0o711)  # `postgres` must traverse our folder to reach its own
            entry = pwd.getpwnam(user)
            for p in (base, sock):
                os.chown(p, entry.pw_uid, entry.pw_gid)
        init = self.spawn("initdb", [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                                     "--no-sync", "-E", "UTF8", "--locale=C"], user=user, cwd=base)
        if init.wait(timeout=READY_SECONDS) != 0:
            raise ServiceError(f"initdb failed; see {self.dir}/initdb.log")
        self.procs.remove(("initdb", init, signal.SIGTERM))
        port = free_port()
        # Durability off: these clusters are thrown away, and fsync costs seconds on a shared disk.
        proc = self.spawn("postgres", [str(bindir / "postgres"), "-D", str(data), "-p", str(port),
                                       "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={sock}",
                                       "-c", "fsync=off", "-c", "synchronous_commit=off",
                                       "-c", "full_page_writes=off", "-c", "max_connections=200"],
                          stop=signal.SIGINT, user=user, cwd=base)  # SIGINT: PostgreSQL's fast shutdown
        psql = [str(bindir / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", "postgres",
                "-v", "ON_ERROR_STOP=1", "-qAt"]
        self.wait_for("postgres", proc, lambda: subprocess.run(psql + ["-c", "SELECT 1"], capture_output=True,
                                                                 timeout=10).returncode == 0, "accept connections")
        made = subprocess.run(psql + ["-c", "CREATE ROLE humstat LOGIN CREATEDB", "-c",
                                      "CREATE DATABASE humstat OWNER humstat"], capture_output=True, text=True)
        if made.returncode != 0:
            raise ServiceError(f"could not create the humstat role/database: {made.stderr.strip()}")
        self.env.update({"HUMSTAT_PG_DSN": f"dbname=humstat host=127.0.0.1 port={port} user=humstat",
                         "HUMSTAT_PG_HOST": "127.0.0.1", "HUMSTAT_PG_PORT": str(port),
                         "HUMSTAT_PG_BIN": str(bindir)})

    def s3(self) -> None:
        import boto3

        for _attempt in range(3):  # the free port may be taken between our probe and moto's bind
            port = free_port()
            endpoint = f"http://127.0.0.1:{port}"
            proc = self.spawn("s3", [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)])
            try:
                self.wait_for("s3", proc, lambda: urllib.request.urlopen(endpoint + "/", timeout=2).status == 200,
                              "answer HTTP")
                break
            except ServiceError:
                if proc.poll() is None:
                    raise
                self.procs.remove(("s3", proc, signal.SIGTERM))  # exited: the port was taken, try another
        else:
            raise ServiceError(f"moto could not bind a port; see {self.dir}/s3.log")
        client = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=S3_KEYS["AWS_ACCESS_KEY_ID"],
                              aws_secret_access_key=S3_KEYS["AWS_SECRET_ACCESS_KEY"],
                              region_name=S3_KEYS["AWS_DEFAULT_REGION"])
        client.create_bucket(Bucket=BUCKET)
        self.env.update({"HUMSTAT_S3_ENDPOINT": endpoint, "HUMSTAT_S3_BUCKET": BUCKET, **S3_KEYS})

    def dask(self) -> None:
        from distributed import Client

        sched_file = self.dir / "scheduler.json"
        sched = self.spawn("dask-scheduler", [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0",
                                              "--no-dashboard", "--dashboard-address", "127.0.0.1:0",
                                              "--scheduler-file", str(sched_file)])
        self.wait_for("dask-scheduler", sched, sched_file.exists, "write its address")
        address = json.loads(sched_file.read_text())["address"]
        for i in range(1, self.dask_workers + 1):
            self.spawn(f"dask-worker-{i}", [str(BIN / "dask"), "worker", address, "--host", "127.0.0.1",
                                            "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
                                            "--dashboard-address", "127.0.0.1:0",
                                            "--name", f"w{i}", "--death-timeout", "60",
                                            "--local-directory", str(self.dir / f"dask-w{i}")])
        with Client(address, timeout=30) as client:
            client.wait_for_workers(self.dask_workers, timeout=READY_SECONDS)
        self.env["HUMSTAT_DASK_SCHEDULER"] = address

    def write_env(self) -> None:
        tmp = self.dir / "cluster.env.tmp"
        tmp.write_text("".join(f"{k}='{v}'\n" for k, v in self.env.items()))
        tmp.rename(self.dir / "cluster.env")  # appears whole: `up` waits for it

    def stop(self) -> None:
        for _name, proc, sig in reversed(self.procs):
            if proc.poll() is None:
                try:
                    os.kill(proc.pid, sig)
                except ProcessLookupError:
                    pass
        deadline = time.monotonic() + 20
        for _name, proc, _sig in self.procs:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        shutil.rmtree(self.dir / "postgres", ignore_errors=True)
        (self.dir / "cluster.env").unlink(missing_ok=True)


def supervise(run_dir: Path, owner: int | None, ttl: float, only: list[str], dask_workers: int = 2) -> int:
    sup = Supervisor(run_dir, dask_workers)
    stopping = False

    def on_signal(signum, _frame) -> None:
        nonlocal stopping
        stopping = True
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        for name in only:
            getattr(sup, name)()
            if stopping:
                return 1
        sup.write_env()
        print(f"cluster up: {', '.join(only)}; stops after {ttl:.0f} s"
              + (f" or when process {owner} ends" if owner else ""), flush=True)
        deadline = time.monotonic() + ttl
        while not stopping:
            if time.monotonic() > deadline:
                print("cluster: lifetime reached, stopping", flush=True)
                break
            if owner and not alive(owner):
                print(f"cluster: owner {owner} ended, stopping", flush=True)
                break
            dead = [n for n, p, _ in sup.procs if p.poll() is not None and not n.startswith("dask-worker")]
            if dead:  # workers may die (tests kill them; their nanny restarts them), servers may not
                print(f"cluster: {', '.join(dead)} exited, stopping", flush=True)
                return 1
            time.sleep(0.5)
        return 0
    except ServiceError as exc:
        print(f"cluster: {exc}", file=sys.stderr, flush=True)
        return 1
    finally:
        sup.stop()


# ---------------------------------------------------------------- command side


def up(run_dir: Path, owner: int | None, ttl: float, only: list[str], dask_workers: int = 2) -> dict[str, str]:
    """Start a supervisor for `only` and wait until its env file is written; returns the env."""
    env_file = run_dir / "cluster.env"
    if env_file.exists():
        env = read_env(env_file)
        if alive(int(env["HUMSTAT_CLUSTER_PID"])):
            return env  # already up (a developer's `make cluster-up` twice)
        env_file.unlink()
    run_dir.mkdir(parents=True, exist_ok=True)
    log = open(run_dir / "supervisor.log", "ab")
    argv = [sys.executable, __file__, "_supervise", "--dir", str(run_dir), "--ttl", str(ttl),
            "--only", ",".join(only), "--dask-workers", str(dask_workers)] + (["--owner", str(owner)] if owner else [])
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    log.close()
    deadline = time.monotonic() + 3 * READY_SECONDS
    while not env_file.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            if proc.poll() is None:
                proc.terminate()
                proc.wait()
            tail = (run_dir / "supervisor.log").read_text(errors="replace")[-2000:]
            raise ServiceError(f"cluster services did not start (log {run_dir}/supervisor.log):\n{tail}")
        time.sleep(0.2)
    return read_env(env_file)


def down(run_dir: Path) -> None:
    """Stop the supervisor of `run_dir` (and so its services); wait until it has gone."""
    env_file = run_dir / "cluster.env"
    if not env_file.exists():
        return
    pid = int(read_env(env_file)["HUMSTAT_CLUSTER_PID"])
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        env_file.unlink(missing_ok=True)
        return
    deadline = time.monotonic() + 40
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if alive(pid):
        os.kill(pid, signal.SIGKILL)  # its services follow by their parent-death signal


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["up", "down", "env", "_supervise"])
    parser.add_argument("--dir", type=Path, default=Path(os.environ.get("HUMSTAT_CLUSTER_DIR", DEFAULT_DIR)))
    parser.add_argument("--owner", type=int, default=None, help="stop when this process ends")
    parser.add_argument("--ttl", type=float, default=float(os.environ.get("HUMSTAT_CLUSTER_TTL", 4 * 3600)),
                        help="stop after this many seconds whatever happens")
    parser.add_argument("--only", default=",".join(SERVICES), help="comma-separated subset of " + ",".join(SERVICES))
    parser.add_argument("--dask-workers", type=int, default=2, help="Dask worker processes (one thread each)")
    args = parser.parse_args(argv)
    only = [s for s in args.only.split(",") if s]
    if unknown := set(only) - set(SERVICES):
        parser.error(f"unknown services: {sorted(unknown)}")
    if args.command == "_supervise":
        return supervise(args.dir, args.owner, args.ttl, only, args.dask_workers)
    if args.command == "up":
        if absent := {k: v for k, v in missing().items() if k in only}:
            print("cannot start: " + "; ".join(absent.values()), file=sys.stderr)
            return 1
        try:
            env = up(args.dir, args.owner, args.ttl, only, args.dask_workers)
        except ServiceError as exc:
            print(exc, file=sys.stderr)
            return 1
        print(f"cluster up, env file {args.dir / 'cluster.env'}:")
        print("".join(f"  {k}={v}\n" for k, v in env.items()), end="")
        return 0
    if args.command == "down":
        down(args.dir)
        return 0
    env_file = args.dir / "cluster.env"
    if not env_file.exists():
        print(f"no cluster is up in {args.dir}", file=sys.stderr)
        return 1
    print(env_file.read_text(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
