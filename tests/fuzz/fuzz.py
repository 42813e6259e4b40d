"""Fuzzes the API as one logged-in person: logs in through the MitID simulator like a browser,
then runs schemathesis against /api/v1/openapi.json with that session's cookie and CSRF token.
Fails on any server error (5xx). Called by `cargo xtask test` (xtask/src/fuzz.rs).

usage: fuzz.py BASE_URL citizen|caseworker LOGIN_HINT SCHEMATHESIS_BINARY
"""

import os
import subprocess
import sys

import requests


def main() -> int:
    base, role, hint, schemathesis = sys.argv[1:5]
    provider = "mitid" if role == "citizen" else "medarbejder"
    session = requests.Session()
    landing = session.get(f"{base}/auth/{provider}/login", params={"login_hint": hint}, timeout=30)
    expected = "/mit-overblik" if role == "citizen" else "/mine-borgere"
    if not landing.url.endswith(expected):
        print(f"login as {hint} ended at {landing.url}", file=sys.stderr)
        return 2
    csrf = session.get(f"{base}/api/v1/session", timeout=30).json()["csrf_token"]
    cookie = "; ".join(f"{c.name}={c.value}" for c in session.cookies)
    command = [
        schemathesis, "run", f"{base}/api/v1/openapi.json",
        "--url", base,
        "-H", f"Cookie: {cookie}",
        "-H", f"X-CSRF-Token: {csrf}",
        "--checks", "not_a_server_error",
        # Logging out would end the session the rest of the run needs.
        "--exclude-path", "/api/v1/session/logout",
        "--phases", "examples,coverage,fuzzing",
        "--max-examples", "40",
        "--seed", "20261201",
        "--workers", "2",
        "--request-timeout", "10",
    ]
    print(f"fuzzing as {role} {hint}", flush=True)
    env = dict(os.environ)
    env["SCHEMATHESIS_HOOKS"] = "hooks"
    env["PYTHONPATH"] = os.path.dirname(os.path.abspath(__file__))
    return subprocess.run(command, check=False, env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
