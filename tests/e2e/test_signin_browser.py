"""Sign-in to the internal app against a real OpenID Connect provider, in real Chromium.

Why: the deployed app signs people in with Streamlit's `st.login` (Authlib) at the City's identity
provider; a mock would skip the protocol. Here panva's `oidc-provider` (OpenID Certified, Node.js,
tests/e2e/oidc/) runs on loopback with discovery, code flow + PKCE, signed ID tokens and
RP-initiated logout, and the app runs under `streamlit run` with a temporary secrets file whose
`[gsiw]` lists give the roles (as docs/deployment.md describes for production).

Needs `node` and `npm ci` in tests/e2e/oidc (`.ci/run` does both). Missing either fails under
CI=true and skips elsewhere.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import threading
import time
from collections import deque
from pathlib import Path

import pytest
from itsdangerous import SignatureExpired
from itsdangerous import TimestampSigner
from itsdangerous import URLSafeTimedSerializer
from playwright.sync_api import Page
from playwright.sync_api import expect

from pipelines.config import ROOT
from tests.e2e.conftest import TIMEOUT_MS
from tests.e2e.conftest import StreamlitServer
from tests.e2e.conftest import _free_port
from tests.e2e.conftest import _in_ci

OIDC_DIR = ROOT / "tests" / "e2e" / "oidc"
COOKIE = "_streamlit_user"  # Streamlit's signed identity cookie (streamlit.web.server.server_util)
COOKIE_LIFETIME_DAYS = 30  # Streamlit's auth cookie max-age; the server allows one more day

VIEWER, EDITOR, ADMIN = "kijker@stad.gent", "redacteur@stad.gent", "beheerder@stad.gent"
STRANGER = "iemand@elders.example"  # signs in fine at the provider, but no role in the app

NL = json.loads((ROOT / "dashboard" / "locales" / "nl" / "auth.json").read_text(encoding="utf-8"))


def _require(condition: bool, msg: str) -> None:
    if not condition:
        if _in_ci():
            pytest.fail(msg)
        pytest.skip(msg + "; set CI=true to make this a failure")


class OidcProvider:
    """`node provider.mjs` on a loopback port the OS picks; stderr (requests, errors) kept for failures."""

    def __init__(self, client_id: str, client_secret: str, redirect_uri: str, log: Path):
        self.log = log
        self._lines: deque[str] = deque(maxlen=400)
        env = {
            **os.environ,
            "OIDC_CLIENT_ID": client_id,
            "OIDC_CLIENT_SECRET": client_secret,
            "OIDC_REDIRECT_URI": redirect_uri,
        }
        self.proc = subprocess.Popen(
            [shutil.which("node") or "node", str(OIDC_DIR / "provider.mjs")],
            cwd=OIDC_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        threading.Thread(target=self._drain, args=(self.proc.stderr,), daemon=True).start()
        self.issuer = self._wait_ready(timeout=60)

    def _drain(self, stream) -> None:
        with open(self.log, "a", encoding="utf-8") as fh:
            for line in stream:
                self._lines.append(line.rstrip())
                fh.write(line)
                fh.flush()

    def _wait_ready(self, timeout: float) -> str:
        result: dict[str, str] = {}

        def read() -> None:
            for line in self.proc.stdout:
                if line.startswith("READY "):
                    result["issuer"] = line.split()[1]
                    return

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        reader.join(timeout)
        if "issuer" not in result:
            self.stop()
            pytest.fail(f"the OIDC provider did not start within {timeout:.0f} s:\n{self.tail()}")
        return result["issuer"]

    def tail(self) -> str:
        return "\n".join(list(self._lines)[-60:])

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


class SignInSetup:
    def __init__(self, app: StreamlitServer, provider: OidcProvider, cookie_secret: str):
        self.app, self.provider, self.cookie_secret = app, provider, cookie_secret

    def logs(self) -> str:
        app_log = self.app.log.read_text(encoding="utf-8", errors="replace")[-3000:]
        return (
            f"--- provider (last requests) ---\n{self.provider.tail()}\n--- app log ---\n{app_log}"
        )


@pytest.fixture(scope="module")
def signin(warehouse, tmp_path_factory):
    """The provider and the internal app configured against it, through a temporary secrets file."""
    _require(
        shutil.which("node") is not None,
        "node not found: `apt-get install nodejs npm` (.ci/run does this)",
    )
    _require(
        (OIDC_DIR / "node_modules" / "oidc-provider").is_dir(),
        f"the test provider is not installed: run `npm ci` in {OIDC_DIR.relative_to(ROOT)} (.ci/run does this)",
    )
    tmp = tmp_path_factory.mktemp("signin")
    port = _free_port()
    redirect_uri = f"http://127.0.0.1:{port}/oauth2callback"
    client_id, client_secret = "gsiw-intern-test", secrets.token_urlsafe(24)
    cookie_secret = secrets.token_urlsafe(48)
    provider = OidcProvider(client_id, client_secret, redirect_uri, tmp / "provider.log")
    secrets_file = tmp / "secrets.toml"
    auth = {  # generated per run, written only to the temporary file
        "redirect_uri": redirect_uri,
        "cookie_secret": cookie_secret,
        "client_id": client_id,
        "client_secret": client_secret,
        "server_metadata_url": f"{provider.issuer}/.well-known/openid-configuration",
    }
    gsiw = {"viewer_domains": ["stad.gent"], "editors": [EDITOR], "admins": [ADMIN]}
    toml = ["[auth]", *(f"{k} = {json.dumps(v)}" for k, v in auth.items())]
    # oidc-provider knows the standard prompts login/consent/none; Streamlit's default is select_account
    toml += ['client_kwargs = { prompt = "login" }', "", "[gsiw]"]
    toml += [f"{k} = {json.dumps(v)}" for k, v in gsiw.items()]
    secrets_file.write_text("\n".join(toml) + "\n", encoding="utf-8")
    try:
        app = StreamlitServer(
            "dashboard/app.py", warehouse, tmp / "app.log", port=port,
            env={"GSIW_LOCAL_MODE": None, "GSIW_LOCAL_ADMIN": None, "GSIW_POLICY_DB": str(tmp / "policy.sqlite")},
            args=["--secrets.files", str(secrets_file)],
        )  # fmt: skip
    except BaseException:
        provider.stop()
        raise
    yield SignInSetup(app, provider, cookie_secret)
    app.stop()
    provider.stop()


@pytest.fixture
def browser_page(page: Page, signin):
    """The page; the provider's requests and the app log are printed at teardown, which pytest
    shows only for a failed test."""
    page.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    yield page
    print(signin.logs())


def _wait_idle(page: Page) -> None:
    app = page.locator("[data-testid='stApp']")
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED")
    expect(app).to_have_attribute("data-test-script-state", "notRunning")


def _sign_in(page: Page, signin: SignInSetup, email: str) -> None:
    """What a member does: open the app, press Aanmelden, sign in at the provider, come back."""
    page.goto(signin.app.url())
    expect(page.get_by_role("heading", name=NL["auth.title"])).to_be_visible()
    page.get_by_role("button", name=NL["auth.login"]).click()
    page.wait_for_url(f"{signin.provider.issuer}/**")  # the provider's own sign-in page
    page.locator("input[name='login']").fill(email)
    page.locator("input[name='password']").fill("any password (development login form)")
    page.locator("button[type='submit']").click()
    page.wait_for_url(f"{signin.app.base}/**")
    _wait_idle(page)


def _signed_in_caption(page: Page, name: str):
    return page.locator("[data-testid='stSidebar']").get_by_text(
        NL["auth.signed_in_as"].format(name=name)
    )


def _open_editor(page: Page, signin: SignInSetup) -> None:
    page.goto(signin.app.url("beleid-bewerken"))
    _wait_idle(page)
    expect(page.get_by_role("heading", name="Beleid bewerken")).to_be_visible()


def _identity_cookie(page: Page) -> dict:
    cookies = [c for c in page.context.cookies() if c["name"] == COOKIE]
    assert cookies, (
        f"no {COOKIE} cookie after signing in: {[c['name'] for c in page.context.cookies()]}"
    )
    return cookies[0]


def _login_wall(page: Page):
    return page.get_by_role("button", name=NL["auth.login"])


def test_viewer_signs_in_and_may_not_edit(browser_page, signin):
    page = browser_page
    _sign_in(page, signin, VIEWER)
    expect(_signed_in_caption(page, "Test kijker")).to_be_visible()
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    _open_editor(page, signin)
    # A viewer reads, but the editor stays closed (checked server-side in policy.access).
    expect(page.locator("[data-testid='stAlert']").first).to_be_visible()
    expect(page.get_by_role("tab")).to_have_count(0)


@pytest.mark.parametrize(("email", "name"), [(EDITOR, "Test redacteur"), (ADMIN, "Test beheerder")])
def test_editor_and_admin_sign_in_and_edit_under_their_own_name(browser_page, signin, email, name):
    page = browser_page
    _sign_in(page, signin, email)
    expect(_signed_in_caption(page, name)).to_be_visible()
    _open_editor(page, signin)
    # The audit trail gets the verified identity from the ID token, not a typed name.
    name_field = page.locator("[data-testid='stTextInput'] input").first
    expect(name_field).to_have_value(email)
    expect(name_field).to_be_disabled()
    expect(page.get_by_role("tab").first).to_be_visible()


def test_sign_out_ends_the_session_here_and_at_the_provider(browser_page, signin):
    page = browser_page
    _sign_in(page, signin, EDITOR)
    expect(_signed_in_caption(page, "Test redacteur")).to_be_visible()
    page.locator("[data-testid='stSidebar']").get_by_role("button", name=NL["auth.logout"]).click()
    # RP-initiated logout: the provider asks for confirmation, then sends the browser back.
    page.wait_for_url(f"{signin.provider.issuer}/**")
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(f"{signin.app.base}/**")
    _wait_idle(page)
    expect(_login_wall(page)).to_be_visible()
    assert not [c for c in page.context.cookies() if c["name"] == COOKIE]
    # Signing in again asks for the password again: the provider session is gone too.
    _login_wall(page).click()
    page.wait_for_url(f"{signin.provider.issuer}/**")
    expect(page.locator("input[name='login']")).to_be_visible()


def test_user_of_an_unknown_domain_is_signed_in_but_gets_no_access(browser_page, signin):
    page = browser_page
    _sign_in(page, signin, STRANGER)
    expect(page.get_by_text(NL["auth.no_role"])).to_be_visible()
    expect(page.get_by_role("button", name=NL["auth.logout"])).to_be_visible()
    expect(page.locator("[data-testid='stSidebarNav']")).to_have_count(0)  # no pages at all
    page.goto(signin.app.url("beleid-bewerken"))  # a deep link does not get past the wall either
    _wait_idle(page)
    expect(page.get_by_text(NL["auth.no_role"])).to_be_visible()
    expect(page.get_by_role("heading", name="Beleid bewerken")).to_have_count(0)


def _resign(cookie_secret: str, value: str, issued_at: float) -> str:
    """The identity cookie as Streamlit's server would have signed it at `issued_at`."""

    class SignedAt(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(issued_at)

    return URLSafeTimedSerializer(cookie_secret, salt=COOKIE, signer=SignedAt).dumps(value)


def _set_cookie(page: Page, cookie: dict, value: str) -> None:
    page.context.clear_cookies(name=COOKIE)
    page.context.add_cookies([{**cookie, "value": value}])


def test_tampered_cookie_is_refused(browser_page, signin):
    """A viewer who edits their cookie to claim the admin's e-mail is sent back to the sign-in page."""
    page = browser_page
    _sign_in(page, signin, VIEWER)
    cookie = _identity_cookie(page)
    payload = URLSafeTimedSerializer(signin.cookie_secret, salt=COOKIE).loads(cookie["value"])
    assert VIEWER in payload
    signature = cookie["value"].rsplit(".", 1)[1]
    forged_body = URLSafeTimedSerializer("not the server's secret", salt=COOKIE).dumps(
        payload.replace(VIEWER, ADMIN)
    )
    _set_cookie(page, cookie, forged_body.rsplit(".", 1)[0] + "." + signature)
    page.goto(signin.app.url("beleid-bewerken"))
    _wait_idle(page)
    expect(_login_wall(page)).to_be_visible()
    expect(page.get_by_role("heading", name="Beleid bewerken")).to_have_count(0)


def test_expired_cookie_is_refused_and_a_fresh_one_accepted(browser_page, signin):
    """Signed with the server's own secret, so only the age differs: the fresh copy must still work
    (proving the forged cookie is otherwise right), the one past its lifetime must not."""
    page = browser_page
    _sign_in(page, signin, EDITOR)
    cookie = _identity_cookie(page)
    payload = URLSafeTimedSerializer(signin.cookie_secret, salt=COOKIE).loads(cookie["value"])

    _set_cookie(page, cookie, _resign(signin.cookie_secret, payload, time.time() - 60))
    page.goto(signin.app.url())
    _wait_idle(page)
    expect(_signed_in_caption(page, "Test redacteur")).to_be_visible()

    expired = _resign(
        signin.cookie_secret, payload, time.time() - (COOKIE_LIFETIME_DAYS + 2) * 86400
    )
    with pytest.raises(SignatureExpired):  # the forged cookie really is past the server's limit
        URLSafeTimedSerializer(signin.cookie_secret, salt=COOKIE).loads(expired, max_age=31 * 86400)
    _set_cookie(page, cookie, expired)
    page.goto(signin.app.url())
    _wait_idle(page)
    expect(_login_wall(page)).to_be_visible()
    expect(_signed_in_caption(page, "Test redacteur")).to_have_count(0)
