"""A real JupyterHub on this machine for ``make test-classroom``, and students driving it by HTTP.

What runs: JupyterHub (from the classroom venv, with the course's classroom/jupyterhub_config.py
loaded as the guide says) behind configurable-http-proxy (from npm), the dummy authenticator with
a password, and the local process spawner: each student is a real Unix account created here (the
nbgrader exchange keys submissions by Unix account), so the test needs root.

Students use the hub the way a browser does: the login form, the nbgitpuller link (its status
page, then the event stream its JavaScript reads), the Jupyter REST API with the XSRF header, and
kernels over the WebSocket API. Nothing here is left behind: the hub runs in its own process
group, every process of the test accounts is ended by pid, the accounts and the run folder are
removed, also after a failure; a leftover of a killed run is cleaned at the next start.
"""

from __future__ import annotations

import contextlib
import fcntl
import html
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import requests
import websocket

ROOT = Path(__file__).resolve().parent.parent
RUN = Path("/tmp/treatylab-classroom-run")
LOCK = Path("/tmp/treatylab-classroom-run.lock")
LAST_LOG = Path("/tmp/treatylab-classroom-hub.log")  # the hub's log of the last run, kept
VENV = Path(sys.prefix)
PASSWORD = "treaty-2025"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def uid_of(name: str) -> int | None:
    """The uid of a Unix account, or None when it does not exist."""
    import pwd

    try:
        return pwd.getpwnam(name).pw_uid
    except KeyError:
        return None


def pids_of_uid(uid: int) -> list[int]:
    """Every process owned by ``uid`` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if entry.stat().st_uid == uid:
                    found.append(int(entry.name))
    return found


def end_processes(pids: list[int], grace: float = 5.0) -> None:
    """SIGTERM each pid, then SIGKILL what is still alive after ``grace`` seconds."""
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    alive = list(pids)
    while alive and time.monotonic() < deadline:
        alive = [pid for pid in alive if Path(f"/proc/{pid}").exists()]
        time.sleep(0.2)
    for pid in alive:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)


def remove_account(name: str) -> None:
    """End every process of a test account, then delete the account and its home."""
    uid = uid_of(name)
    if uid is None:
        return
    end_processes(pids_of_uid(uid))
    subprocess.run(["userdel", "--remove", name], capture_output=True, check=False)
    subprocess.run(["groupdel", name], capture_output=True, check=False)


def create_account(name: str, home: Path) -> None:
    """A Unix account for one student with its home in the run folder."""
    remove_account(name)
    subprocess.run(
        ["useradd", "--home-dir", str(home), "--no-create-home", "--user-group", name],
        check=True,
        capture_output=True,
    )
    home.mkdir(parents=True)
    shutil.chown(home, name, name)
    home.chmod(0o750)


def end_leftovers(students: list[str]) -> None:
    """Clean what a killed earlier run left: its hub, proxy, students' processes, folder."""
    for pid_file in (RUN / "jupyterhub.pid", RUN / "proxy.pid"):
        with contextlib.suppress(OSError, ValueError):
            end_processes([int(pid_file.read_text().strip())])
    for name in students:
        remove_account(name)
    shutil.rmtree(RUN, ignore_errors=True)


def hub_config(ports: dict[str, int], proxy: str, token: str, students: list[str]) -> str:
    """jupyterhub_config.py of the test hub: the course's file, then what is the test's own."""
    return f"""
c = get_config()  # noqa: F821
load_subconfig({str(ROOT / "classroom" / "jupyterhub_config.py")!r})  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {ports["public"]}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {ports["hub"]}
c.JupyterHub.pid_file = {str(RUN / "jupyterhub.pid")!r}
c.JupyterHub.db_url = "sqlite:///{RUN / "jupyterhub.sqlite"}"
c.JupyterHub.cookie_secret_file = {str(RUN / "cookie_secret")!r}
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{ports["proxy_api"]}"
c.ConfigurableHTTPProxy.pid_file = {str(RUN / "proxy.pid")!r}
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {PASSWORD!r}
c.Authenticator.allowed_users = set({students!r})
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [{str(VENV / "bin" / "jupyterhub-singleuser")!r}]
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
# The students' nbgrader settings (exchange, course id), as /etc/jupyter would hold them.
c.Spawner.environment.update({{"JUPYTER_CONFIG_PATH": {str(RUN / "student-config")!r}}})
c.JupyterHub.services = [{{"name": "classroom-test", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [
    {{
        "name": "classroom-test",
        "scopes": ["admin:users", "admin:servers", "list:users", "read:users"],
        "services": ["classroom-test"],
    }}
]
"""


@dataclass
class Hub:
    """A running hub: its public URL, the test's admin token, its process."""

    url: str
    token: str
    process: subprocess.Popen
    log: Path
    students: list[str] = field(default_factory=list)

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {"Authorization": f"token {self.token}"}
        return requests.request(method, f"{self.url}/hub/api{path}", headers=headers, **kwargs)

    def wait_until_up(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterHub exited:\n{self.log.read_text()[-4000:]}")
            with contextlib.suppress(requests.RequestException):
                if self.api("GET", "/").status_code == 200:
                    return
            time.sleep(0.5)
        raise RuntimeError(f"JupyterHub did not answer:\n{self.log.read_text()[-4000:]}")

    def stop(self) -> None:
        """Stop the students' servers, then the hub and its proxy (whole process group)."""
        for name in self.students:
            with contextlib.suppress(requests.RequestException):
                self.api("DELETE", f"/users/{name}/server", timeout=30)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)  # the proxy, if the hub left it


@contextlib.contextmanager
def running_hub(students: list[str], proxy: str) -> Iterator[Hub]:
    """Accounts, folders and a hub for ``students``; everything removed afterwards."""
    with LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one classroom run at a time on this machine
        end_leftovers(students)
        RUN.mkdir(mode=0o755)
        RUN.chmod(0o755)
        hub = None
        try:
            for name in students:
                create_account(name, RUN / "home" / name)
            ports = {key: free_port() for key in ("public", "hub", "proxy_api")}
            token = secrets.token_hex(16)
            config = RUN / "jupyterhub_config.py"
            config.write_text(hub_config(ports, proxy, token, students), encoding="utf-8")
            log = RUN / "jupyterhub.log"
            env = {**os.environ, "PATH": f"{VENV / 'bin'}{os.pathsep}{os.environ['PATH']}"}
            for name in ("PYTHONPATH", "TREATYLAB_STRICT", "JUPYTER_CONFIG_PATH"):
                env.pop(name, None)
            with log.open("wb") as out:
                process = subprocess.Popen(
                    [str(VENV / "bin" / "jupyterhub"), "-f", str(config)],
                    cwd=RUN,
                    env=env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            hub = Hub(f"http://127.0.0.1:{ports['public']}", token, process, log, students)
            hub.wait_until_up()
            yield hub
        finally:
            if hub is not None:
                hub.stop()
                with contextlib.suppress(OSError):
                    shutil.copy(hub.log, LAST_LOG)
            for name in students:
                remove_account(name)
            shutil.rmtree(RUN, ignore_errors=True)


@contextlib.contextmanager
def git_daemon(base: Path) -> Iterator[str]:
    """Serve the bare repositories under ``base`` read-only on git://127.0.0.1 (a network remote
    like GitHub for the links; a path on the hub's disk owned by another account is refused by
    students' git as "dubious ownership")."""
    port = free_port()
    process = subprocess.Popen(
        [
            "git",
            "daemon",
            "--reuseaddr",
            "--export-all",
            f"--base-path={base}",
            "--listen=127.0.0.1",
            f"--port={port}",
            str(base),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            time.sleep(0.2)
        yield f"git://127.0.0.1:{port}"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


def nbgitpuller_link(hub_url: str, repo: str, branch: str, urlpath: str) -> str:
    """A link as TEACHING.md writes them: targetpath=treatylab, urlpath inside it."""
    query = urllib.parse.urlencode(
        {"repo": repo, "branch": branch, "targetpath": "treatylab", "urlpath": urlpath}
    )
    return f"{hub_url}/hub/user-redirect/git-pull?{query}"


class Student:
    """One student's browser session on the hub."""

    def __init__(self, hub: Hub, name: str) -> None:
        self.hub, self.name = hub, name
        self.session = requests.Session()
        self.base = f"{hub.url}/user/{name}/"

    def login(self) -> None:
        page = self.session.get(f"{self.hub.url}/hub/login", timeout=30)
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text).group(1)
        form = {"username": self.name, "password": PASSWORD, "_xsrf": html.unescape(xsrf)}
        reply = self.session.post(f"{self.hub.url}/hub/login", data=form, timeout=120)
        if reply.status_code != 200 or "/hub/login" in reply.url:
            raise RuntimeError(f"{self.name} could not log in: {reply.status_code} {reply.url}")

    def open(self, url: str, timeout: float = 180) -> requests.Response:
        """GET a page; while the hub shows its spawn-pending page, ask again (the page's JS)."""
        deadline = time.monotonic() + timeout
        reply = self.session.get(url, timeout=60)
        while "/spawn-pending/" in reply.url and time.monotonic() < deadline:
            time.sleep(1)
            reply = self.session.get(reply.url, timeout=60)
        reply.raise_for_status()
        return reply

    def follow(self, link: str) -> tuple[list[dict], requests.Response]:
        """Follow an nbgitpuller link to the end: status page, pull events, the target page."""
        status = self.open(link)
        attributes = dict(re.findall(r'data-([a-z]+)="([^"]*)"', status.text))
        values = {k: urllib.parse.unquote(html.unescape(v)) for k, v in attributes.items()}
        query = {k: values[k] for k in ("repo", "branch", "targetpath") if k in values}
        query["_xsrf"] = values["xsrf"]
        events = []
        api = f"{self.base}git-pull/api?{urllib.parse.urlencode(query)}"
        with self.session.get(api, stream=True, timeout=300) as stream:
            for line in stream.iter_lines(decode_unicode=True):
                if line and line.startswith("data: "):
                    events.append(json.loads(line[len("data: ") :]))
                    if events[-1].get("phase") in ("finished", "error"):
                        break
        target = self.session.get(f"{self.base}{values['path']}", timeout=60)
        return events, target

    def xsrf(self) -> str:
        for cookie in self.session.cookies:
            if cookie.name == "_xsrf" and cookie.path.startswith(f"/user/{self.name}"):
                return cookie.value
        raise RuntimeError(f"no _xsrf cookie for {self.name}'s server")

    def server(self, method: str, path: str, **kwargs) -> requests.Response:
        """A call to the student's own Jupyter server, authenticated as the browser is."""
        headers = {"X-XSRFToken": self.xsrf(), **kwargs.pop("headers", {})}
        reply = self.session.request(
            method, f"{self.base}{path}", headers=headers, timeout=120, **kwargs
        )
        reply.raise_for_status()
        return reply

    def notebook(self, path: str) -> dict:
        return self.server("GET", f"api/contents/{path}?type=notebook&content=1").json()["content"]

    def save(self, path: str, content: dict) -> None:
        body = {"type": "notebook", "format": "json", "content": content}
        self.server("PUT", f"api/contents/{path}", json=body)

    @contextlib.contextmanager
    def kernel(self, notebook_path: str) -> Iterator[Kernel]:
        """A kernel for a notebook (a session, as JupyterLab opens one), closed afterwards."""
        body = {
            "path": notebook_path,
            "type": "notebook",
            "name": "",
            "kernel": {"name": "python3"},
        }
        session = self.server("POST", "api/sessions", json=body).json()
        kernel = Kernel(self, session["kernel"]["id"])
        try:
            yield kernel
        finally:
            kernel.close()
            self.server("DELETE", f"api/sessions/{session['id']}")


class Kernel:
    """A kernel of the student's server, over the WebSocket API (JSON messages)."""

    def __init__(self, student: Student, kernel_id: str) -> None:
        self.id = kernel_id
        self.session_id = uuid.uuid4().hex
        ws_base = student.base.replace("http://", "ws://", 1)
        query = urllib.parse.urlencode({"session_id": self.session_id, "_xsrf": student.xsrf()})
        cookies = "; ".join(f"{c.name}={c.value}" for c in student.session.cookies)
        self.ws = websocket.create_connection(
            f"{ws_base}api/kernels/{kernel_id}/channels?{query}",
            cookie=cookies,
            header=[f"X-XSRFToken: {student.xsrf()}"],
            timeout=180,
        )

    def request(self, msg_type: str, content: dict) -> tuple[list[dict], dict]:
        """Send a shell request; return (its iopub messages, its reply) once the kernel is idle."""
        msg_id = uuid.uuid4().hex
        header = {
            "msg_id": msg_id,
            "msg_type": msg_type,
            "session": self.session_id,
            "username": "",
            "version": "5.3",
            "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        message = {"header": header, "parent_header": {}, "metadata": {}, "content": content}
        self.ws.send(json.dumps({**message, "channel": "shell", "buffers": []}))
        iopub, reply, idle = [], None, False
        while reply is None or not idle:
            incoming = json.loads(self.ws.recv())
            if incoming.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = incoming["header"]["msg_type"]
            if incoming.get("channel") == "shell" and kind.endswith("_reply"):
                reply = incoming["content"]
            elif kind == "status":
                idle = incoming["content"]["execution_state"] == "idle"
            else:
                iopub.append(incoming)
        return iopub, reply

    def run(self, code: str) -> list[nbformat.NotebookNode]:
        """Execute code; its outputs as notebook outputs (nbformat's own conversion)."""
        content = {"code": code, "silent": False, "store_history": True, "allow_stdin": False}
        messages, _ = self.request("execute_request", {**content, "user_expressions": {}})
        outputs = []
        for message in messages:
            message["msg_type"] = message["header"]["msg_type"]
            with contextlib.suppress(ValueError):
                outputs.append(nbformat.v4.output_from_msg(message))
        return outputs

    def language_info(self) -> dict:
        _, reply = self.request("kernel_info_request", {})
        return reply["language_info"]

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.ws.close()


def text_of(outputs: list) -> str:
    """All text an output list shows (plain text of results, streams, errors)."""
    parts = []
    for output in outputs:
        if output.get("output_type") == "stream":
            parts.append(output["text"])
        elif output.get("output_type") == "error":
            parts.append(f"{output['ename']}: {output['evalue']}")
        else:
            parts.append(output.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)
