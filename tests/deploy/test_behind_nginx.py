"""Tried as a hospital's IT team would: production mode behind Debian's nginx on loopback.

From the documented settings and nginx site (docs/deploy.md): migrate, create a clinic
and a clinician on the command line, `backcoach serve`, nginx with TLS in front. A
client on 127.0.0.2 (another loopback address, so it differs from nginx's 127.0.0.1)
logs in with password and TOTP; the audit log shows 127.0.0.2, pages arrive
compressed, hashed static files are cached for good and the offline player's
precache covers every module it imports.

Ports: two free loopback ports the OS hands out when the module loads. Both xdist
workers may run tests of this module, each with its own deployment: with fixed ports,
the second worker's login once reached the first worker's server and was refused.
(`--dist loadfile`/`loadgroup` would keep them on one worker, but under pytest 9.2 the
first drops schemathesis's eight same-named tests to one and the second does not group.)
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import shutil
import socket
import sqlite3
import ssl
import subprocess
import sys
import time
from base64 import b32decode
from collections.abc import Callable, Iterator
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django_otp.oath import totp

from tests.deploy.documented import REPO, block, production_env


def _two_free_loopback_ports() -> tuple[int, int]:
    # Both bound at once, so the OS cannot hand out the same port twice.
    with socket.socket() as first, socket.socket() as second:
        first.bind(("127.0.0.1", 0))
        second.bind(("127.0.0.1", 0))
        return int(first.getsockname()[1]), int(second.getsockname()[1])


APP_PORT, NGINX_PORT = _two_free_loopback_ports()
CLIENT_ADDRESS = "127.0.0.2"
ORIGIN = f"https://localhost:{NGINX_PORT}"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# Generous: collectstatic and start-up on a loaded two-core machine.
START_TIMEOUT = 180


class Browser:
    """HTTPS from 127.0.0.2 to nginx, keeping cookies (Secure ones too: TLS is real)."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}
        self.context = ssl.create_default_context()
        self.context.check_hostname = False
        self.context.verify_mode = ssl.CERT_NONE  # our throwaway self-signed certificate

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None, **headers: str
    ) -> tuple[http.client.HTTPResponse, bytes]:
        conn = http.client.HTTPSConnection(
            "localhost", NGINX_PORT, context=self.context, timeout=60,
            source_address=(CLIENT_ADDRESS, 0),
        )  # fmt: skip
        sent = {"Host": f"localhost:{NGINX_PORT}", "Referer": ORIGIN + path, **headers}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            form = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **form}
            body = urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        conn.close()
        return response, content

    def get(self, path: str, **headers: str) -> tuple[http.client.HTTPResponse, bytes]:
        return self.request("GET", path, None, **headers)


def _run(args: list[str], env: dict[str, str], stdin: str = "") -> str:
    result = subprocess.run(
        [sys.executable, "-m", "backcoach.cli", *args],
        env=env, cwd=REPO, capture_output=True, text=True, input=stdin, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout


def _nginx_conf(tmp: Path) -> Path:
    site = block("nginx-site")
    site = site.replace("listen 443 ssl;", f"listen 127.0.0.1:{NGINX_PORT} ssl;")
    site = site.replace("server_name backcoach.hospital.example;", "server_name localhost;")
    site = site.replace("/etc/ssl/certs/backcoach.pem", str(tmp / "cert.pem"))
    site = site.replace("/etc/ssl/private/backcoach.key", str(tmp / "key.pem"))
    site = site.replace("http://127.0.0.1:8000", f"http://127.0.0.1:{APP_PORT}")
    user = "user root root;" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {kind}_temp_path {tmp / kind};" for kind in ["client_body", "proxy", "fastcgi"]
    )
    conf = tmp / "nginx.conf"
    conf.write_text(
        f"{user}\nworker_processes 1;\npid {tmp / 'nginx.pid'};\nerror_log {tmp / 'error.log'};\n"
        "events { worker_connections 64; }\n"
        f"http {{\n    access_log {tmp / 'access.log'};\n{temp}\n"
        f"    uwsgi_temp_path {tmp / 'uwsgi'};\n    scgi_temp_path {tmp / 'scgi'};\n"
        f"{site}\n}}\n"
    )
    return conf


def _wait_for(url_check: Callable[[], bool], what: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        assert process.poll() is None, f"{what} stopped"
        try:
            if url_check():
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{what} did not answer within {START_TIMEOUT} s")


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    tmp = tmp_path_factory.mktemp("deploy")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=localhost", "-keyout", str(tmp / "key.pem"), "-out", str(tmp / "cert.pem")],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "STATIC_MANIFEST"}}
    env.update(production_env())
    del env["DATABASE_URL"]  # SQLite in the data directory
    env.update(
        BACKCOACH_DATA_DIR=str(tmp / "data"),
        ALLOWED_HOSTS="localhost,127.0.0.1",
        CSRF_TRUSTED_ORIGINS=ORIGIN,
        SITE_URL=ORIGIN,
    )
    _run(["manage", "migrate", "--noinput", "-v", "0"], env)
    _run(["clinic", "create", "Polikliniek Neurologie", "--phone", "071 123 45 67"], env)
    enrolment = _run(["clinician", "add", "dr.jansen", "--clinic", "Polikliniek Neurologie"], env)
    password = re.search(r"shown this once\): (\S+)", enrolment).group(1)  # type: ignore[union-attr]
    key = re.search(r"key: ([A-Z2-7 ]+)", enrolment).group(1).replace(" ", "")  # type: ignore[union-attr]

    server_log = (tmp / "serve.log").open("w")
    nginx_log = (tmp / "nginx.out").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "backcoach.cli", "serve", "--host", "127.0.0.1",
         "--port", str(APP_PORT)],
        env=env, cwd=REPO, stdout=server_log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    nginx = None
    try:

        def healthy() -> bool:
            conn = http.client.HTTPConnection("127.0.0.1", APP_PORT, timeout=5)
            try:
                conn.request("GET", "/healthz")
                return conn.getresponse().status == 200
            finally:
                conn.close()

        _wait_for(healthy, "backcoach serve", server)
        conf = _nginx_conf(tmp)
        nginx = subprocess.Popen(
            [NGINX, "-c", str(conf), "-p", str(tmp), "-e", str(tmp / "error.log"),
             "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=nginx_log,
        )  # fmt: skip
        _wait_for(lambda: Browser().get("/healthz")[0].status == 200, "nginx", nginx)
        yield {
            "password": password,
            "key": key,
            "db": str(tmp / "data" / "backcoach.sqlite3"),
            "static": str(tmp / "data" / "static"),
            "server_log": str(tmp / "serve.log"),
        }
    finally:
        for process in [nginx, server]:
            if process is not None:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
        server_log.close()
        nginx_log.close()


def test_a_clinician_made_on_the_command_line_logs_in_and_is_audited_at_their_address(
    deployment: dict[str, str],
) -> None:
    browser = Browser()
    response, _ = browser.get("/login/")
    assert response.status == 200 and "csrftoken" in browser.cookies
    response, _ = browser.request(
        "POST", "/login/", form={"username": "dr.jansen", "password": deployment["password"]}
    )
    assert (response.status, response.headers["Location"]) == (302, "/clinic/verify/")
    code = f"{totp(b32decode(deployment['key'] + '=' * (-len(deployment['key']) % 8))):06d}"
    response, _ = browser.request("POST", "/clinic/verify/", form={"token": code})
    assert (response.status, response.headers["Location"]) == (302, "/clinic/")
    response, _ = browser.get("/clinic/", **{"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")

    # Making a FHIR token is audited; the page shows the token, so it is not compressed.
    response, _body = browser.request(
        "POST", "/clinic/fhir-tokens/", form={"name": "EPD"}, **{"Accept-Encoding": "gzip"}
    )
    assert response.status == 200
    assert response.headers["Content-Encoding"] is None
    request_id = response.headers["X-Request-ID"]
    with sqlite3.connect(deployment["db"]) as db:
        rows = db.execute(
            "SELECT actor, address FROM audit_auditentry WHERE action = 'fhir-token.create'"
        ).fetchall()
    assert rows == [("dr.jansen", CLIENT_ADDRESS)]
    # nginx's request id ($request_id: 32 hex digits) is in Backcoach's access log line.
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    log = Path(deployment["server_log"]).read_text()
    assert f"{request_id} {CLIENT_ADDRESS} POST /clinic/fhir-tokens/ 200" in log


def test_pages_arrive_compressed_and_static_files_are_cached_for_good(
    deployment: dict[str, str],
) -> None:
    browser = Browser()
    plain, raw = browser.get("/")
    zipped, compressed = browser.get("/", **{"Accept-Encoding": "gzip"})
    assert plain.status == zipped.status == 200
    assert zipped.headers["Content-Encoding"] == "gzip"
    html = gzip.decompress(compressed)
    # The same page (only the per-response masked CSRF token differs).
    assert html.startswith(b"<!doctype html>") and abs(len(html) - len(raw)) < 100
    print(f"\noverview HTML: {len(raw)} bytes raw, {len(compressed)} bytes gzip")

    css = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', raw)
    assert css, "the page links the content-hashed stylesheet"
    response, _body = browser.get(css.group(1).decode(), **{"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.headers["Cache-Control"] == "max-age=315360000, public, immutable"
    assert response.headers["Content-Encoding"] == "gzip"
    print(f"{css.group(1).decode()}: Cache-Control {response.headers['Cache-Control']}")


def test_the_offline_player_precaches_every_module_it_imports(
    deployment: dict[str, str],
) -> None:
    browser = Browser()
    response, worker = browser.get("/session/sw.js")
    assert response.status == 200
    # The precache list (the coach's prefixes beside it are cached on use, not here).
    (precache,) = re.findall(r"^const ASSETS = \[(.*)\];$", worker.decode(), re.M)
    assets = set(re.findall(r'"(/static/[^"]+)"', precache))
    assert any("/practice/player." in url for url in assets)
    for url in sorted(assets):
        response, body = browser.get(url)
        assert response.status == 200, url
        assert "immutable" in response.headers["Cache-Control"], url
        if url.endswith(".js"):
            folder = url.rsplit("/", 1)[0]
            for name in re.findall(rb'from "\./([^"]+)"', body):
                assert f"{folder}/{name.decode()}" in assets, f"{url} imports {name!r}"
