"""metastudio._signing against the official huaweicloudsdkcore Signer, plus verify() checks."""

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from unittest import mock
from urllib.parse import quote

import huaweicloudsdkcore.signer.signer as peer_signer_module
import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer
from hypothesis import given, settings
from hypothesis import strategies as st

from metastudio._signing import (
    ALGORITHM,
    SDK_DATE_FORMAT,
    ParsedAuthorization,
    VerifyResult,
    canonical_request,
    compute_signature,
    parse_authorization,
    sign,
    signed_header_names,
    string_to_sign,
    verify,
)

AK = "HPUAEXAMPLEACCESSKEY"
SK = "sk-Th1s-Is-The-S3cret-Never-Print-Me"
PROJECT_ID = "0123456789abcdef0123456789abcdef"
MIN_PEER_CASES = 200

# The peer reads the clock with datetime.utcnow(); pin it so both sides sign the same instant.
FIXED_NOW = datetime(2025, 3, 14, 15, 9, 26, 535897)  # naive UTC
NOW_VARIANTS = (
    FIXED_NOW,
    FIXED_NOW.replace(tzinfo=UTC),
    FIXED_NOW.replace(tzinfo=UTC).astimezone(timezone(timedelta(hours=8))),
)


class _FrozenDatetime(datetime):
    @classmethod
    def utcnow(cls) -> "_FrozenDatetime":
        return cls.combine(FIXED_NOW.date(), FIXED_NOW.time())


@contextmanager
def _frozen_peer_clock() -> Iterator[None]:
    with mock.patch.object(peer_signer_module, "datetime", _FrozenDatetime):
        yield


@dataclass(frozen=True)
class Case:
    method: str
    scheme: str
    netloc: str
    raw_path: str
    query_pairs: tuple[tuple[str, str], ...]  # decoded, as the peer receives them
    raw_query: str  # how they appear in our URL
    headers: tuple[tuple[str, str], ...]
    body: bytes
    peer_body_kind: str  # "bytes", "str" or "none": what the peer is given for the body
    now_index: int

    @property
    def url(self) -> str:
        tail = f"?{self.raw_query}" if self.raw_query else ""
        return f"{self.scheme}://{self.netloc}{self.raw_path}{tail}"


def _peer_sign(case: Case, *, via_credentials: bool = False) -> SdkRequest:
    body: object
    if case.peer_body_kind == "none":
        body = None
    elif case.peer_body_kind == "str":
        body = case.body.decode("utf-8")
    else:
        body = case.body
    request = SdkRequest(
        method=case.method,
        schema=case.scheme,
        host=case.netloc,
        resource_path=case.raw_path,
        query_params=list(case.query_pairs),
        header_params=dict(case.headers),
        body=body,
    )
    credentials = BasicCredentials(ak=AK, sk=SK, project_id=PROJECT_ID)
    with _frozen_peer_clock():
        if via_credentials:
            return credentials.sign_request(request)
        return Signer(credentials).sign(request)


def _assert_same_as_peer(case: Case) -> dict[str, str]:
    original = dict(case.headers)
    ours = sign(
        case.method,
        case.url,
        original,
        case.body,
        ak=AK,
        sk=SK,
        now=NOW_VARIANTS[case.now_index],
    )
    assert original == dict(case.headers), "sign() must not mutate the caller's headers"
    peer = _peer_sign(case).header_params
    assert ours["Authorization"] == peer["Authorization"]
    # Same headers added/overwritten: X-Sdk-Date, Host, X-Sdk-Content-Sha256, Authorization.
    assert set(peer) == set(original) | set(ours)
    for key, value in ours.items():
        assert peer[key] == value, key
    return ours


# --------------------------------------------------------------------------- strategies

_SPECIAL = list(" %+&=;:@!$'()*,~-._éü中文😀")
_TRICKY = list(" +%&=#~é中😀")
_TEXT_CHARS = st.one_of(
    st.sampled_from(_TRICKY),
    st.sampled_from(list("abcXYZ0129") + _SPECIAL),
    st.characters(blacklist_categories=("Cs", "Cc")),
)
_SEGMENT_CHARS = st.one_of(
    st.sampled_from([ch for ch in _TRICKY if ch != "#"]),
    st.sampled_from(list("abcXYZ0129") + _SPECIAL),
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/?#"),
)


def _minimal_escape(text: str, must: str) -> str:
    return "".join(f"%{ord(ch):02X}" if ch in must else ch for ch in text)


@st.composite
def _segments(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["raw", "spaced", "quoted", "quoted-keep-unicode", "special"]))
    if kind == "special":
        return draw(st.sampled_from(["", "%2F", "%2f", "%FF", "%zz", "%", "%e4%b8%ad", "a%20b"]))
    text = draw(st.text(_SEGMENT_CHARS, max_size=8))
    if kind == "spaced":
        return f"{text} {draw(st.text(_SEGMENT_CHARS, max_size=4))}"  # a raw space in the URL
    if kind == "quoted":
        return quote(text, safe="")
    if kind == "quoted-keep-unicode":
        return "".join(ch if ord(ch) > 127 else quote(ch, safe="") for ch in text)
    return text  # raw: spaces, unicode and stray "%" go into the URL as they are


@st.composite
def _paths(draw: st.DrawFn) -> str:
    segments = draw(st.lists(_segments(), min_size=1, max_size=5))
    trailing = "/" if draw(st.booleans()) else ""
    return "/" + "/".join(segments) + trailing


@st.composite
def _queries(draw: st.DrawFn) -> tuple[tuple[tuple[str, str], ...], str]:
    key_pool = draw(st.lists(st.text(_TEXT_CHARS, min_size=1, max_size=6), min_size=1, max_size=3))
    texts = st.text(_TEXT_CHARS, max_size=6)
    with_plus = st.builds(lambda a, b: f"{a}+{b}", texts, texts)  # "+" is not a space here
    keys = st.one_of(
        st.sampled_from(key_pool), st.text(_TEXT_CHARS, min_size=1, max_size=6), with_plus
    )
    values = st.one_of(st.just(""), st.text(_TEXT_CHARS, max_size=8), with_plus)
    pairs = draw(st.lists(st.tuples(keys, values), max_size=6))
    rendered = []
    for key, value in pairs:
        if draw(st.booleans()):
            enc_key, enc_value = quote(key, safe=""), quote(value, safe="")
        else:  # escape only what would change the query's structure; "+" and spaces stay raw
            enc_key, enc_value = _minimal_escape(key, "%&=#"), _minimal_escape(value, "%&#")
        if value == "" and draw(st.booleans()):
            rendered.append(enc_key)  # "key" without "=" means an empty value
        else:
            rendered.append(f"{enc_key}={enc_value}")
    return tuple(pairs), "&".join(rendered)


_HEADER_NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"
_CONTENT_TYPES = [
    "application/json",
    "application/json;charset=UTF-8",
    "application/bson",
    "Application/JSON",
    "text/plain",
    "application/octet-stream",
    "multipart/form-data; boundary=xyz",
    "",
]


@st.composite
def _headers(draw: st.DrawFn, netloc: str) -> tuple[tuple[str, str], ...]:
    items: list[tuple[str, str]] = []
    for _ in range(draw(st.integers(0, 4))):
        name = draw(st.sampled_from(["X-", "x-", ""])) + draw(
            st.text(_HEADER_NAME_CHARS, min_size=1, max_size=10)
        )
        items.append((name, draw(st.text(max_size=12))))
    if draw(st.booleans()):
        spelling = draw(
            st.sampled_from(["Content-Type", "Content-Type", "content-type", "CONTENT-TYPE"])
        )
        items.append((spelling, draw(st.sampled_from(_CONTENT_TYPES))))
    if draw(st.booleans()):
        spelling = draw(st.sampled_from(["X-Sdk-Date", "x-sdk-date", "X-SDK-DATE"]))
        moment = FIXED_NOW - timedelta(seconds=draw(st.integers(0, 10**8)))
        items.append((spelling, moment.strftime(SDK_DATE_FORMAT)))
    if draw(st.integers(0, 3)) == 0:
        spelling = draw(st.sampled_from(["Host", "host", "HOST"]))
        items.append((spelling, draw(st.sampled_from([netloc, "other.example.com:8443"]))))
    if draw(st.booleans()):
        items.append(("X-Project-Id", PROJECT_ID))
    if draw(st.integers(0, 5)) == 0:
        spelling = draw(st.sampled_from(["X-Sdk-Content-Sha256", "x-sdk-content-sha256"]))
        items.append((spelling, draw(st.sampled_from(["UNSIGNED-PAYLOAD", " abc ", "", "  "]))))
    return tuple(draw(st.permutations(items)))


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)


@st.composite
def _bodies(draw: st.DrawFn) -> tuple[bytes, str]:
    kind = draw(st.sampled_from(["empty", "json", "text", "binary"]))
    if kind == "empty":
        return b"", draw(st.sampled_from(["bytes", "none"]))
    if kind == "binary":
        return draw(st.binary(max_size=64)), "bytes"
    if kind == "json":
        text = json.dumps(draw(_json_values), ensure_ascii=draw(st.booleans()))
    else:
        text = draw(st.text(max_size=30))
    return text.encode("utf-8"), draw(st.sampled_from(["bytes", "str"]))


@st.composite
def cases(draw: st.DrawFn) -> Case:
    host = draw(
        st.sampled_from(
            ["metastudio.cn-north-4.myhuaweicloud.com", "127.0.0.1", "[::1]", "Mixed.Example.COM"]
        )
    )
    port = draw(st.one_of(st.none(), st.sampled_from([80, 443]), st.integers(1, 65535)))
    netloc = host if port is None else f"{host}:{port}"
    pairs, raw_query = draw(_queries())
    body, peer_body_kind = draw(_bodies())
    return Case(
        method=draw(st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "post", "Get"])),
        scheme=draw(st.sampled_from(["https", "http"])),
        netloc=netloc,
        raw_path=draw(_paths()),
        query_pairs=pairs,
        raw_query=raw_query,
        headers=draw(_headers(netloc)),
        body=body,
        peer_body_kind=peer_body_kind,
        now_index=draw(st.integers(0, len(NOW_VARIANTS) - 1)),
    )


# --------------------------------------------------------------------------- peer equality


def _unsigned_payload_content_type(headers: tuple[tuple[str, str], ...]) -> bool:
    return any(
        key == "Content-Type"
        and value
        and not value.startswith(("application/json", "application/bson"))
        for key, value in headers
    )


def test_sign_matches_peer_on_generated_requests() -> None:
    seen: list[Case] = []

    @settings(max_examples=250, derandomize=True, deadline=None, database=None)
    @given(case=cases())
    def check(case: Case) -> None:
        seen.append(case)
        _assert_same_as_peer(case)

    check()
    assert len(seen) >= MIN_PEER_CASES
    assert len(set(seen)) >= MIN_PEER_CASES, "the generated requests must be distinct"
    # The generator must actually exercise the interesting inputs, not just "/" with no query.
    coverage = {name: sum(1 for c in seen if predicate(c)) for name, predicate in COVERAGE.items()}
    assert {name: n for name, n in coverage.items() if n < 3} == {}


def _has_header(case: Case, name: str) -> bool:
    return any(key.lower() == name for key, _ in case.headers)


def _method_is(method: str) -> Callable[[Case], bool]:
    return lambda c: c.method.upper() == method


COVERAGE: dict[str, Callable[[Case], bool]] = {
    "raw space in path": lambda c: " " in c.raw_path,
    "percent-encoding in path": lambda c: "%" in c.raw_path,
    "non-ASCII path": lambda c: any(ord(ch) > 127 for ch in c.raw_path),
    "path of 3+ segments": lambda c: c.raw_path.count("/") >= 3,
    "raw '+' in query": lambda c: "+" in c.raw_query,
    "non-ASCII query": lambda c: any(ord(ch) > 127 for ch in c.raw_query),
    "repeated query key": lambda c: len({k for k, _ in c.query_pairs}) < len(c.query_pairs),
    "empty query value": lambda c: any(v == "" for _, v in c.query_pairs),
    "port": lambda c: c.netloc.rsplit("]", 1)[-1].count(":") == 1,
    "no port": lambda c: c.netloc.rsplit("]", 1)[-1].count(":") == 0,
    "UNSIGNED-PAYLOAD content type with a body": lambda c: (
        bool(c.body) and _unsigned_payload_content_type(c.headers)
    ),
    "JSON content type": lambda c: ("Content-Type", "application/json") in c.headers,
    "caller X-Sdk-Date": lambda c: _has_header(c, "x-sdk-date"),
    "no caller X-Sdk-Date": lambda c: not _has_header(c, "x-sdk-date"),
    "caller Host": lambda c: _has_header(c, "host"),
    "no caller Host": lambda c: not _has_header(c, "host"),
    "header with underscore": lambda c: any("_" in key for key, _ in c.headers),
    "empty body": lambda c: not c.body,
    "non-ASCII body": lambda c: any(byte > 127 for byte in c.body),
    "JSON body": lambda c: c.body[:1] in (b"{", b"["),
    **{f"method {m}": _method_is(m) for m in ("GET", "POST", "PUT", "DELETE", "PATCH")},
}


def _case(
    url_path: str,
    raw_query: str = "",
    pairs: tuple[tuple[str, str], ...] = (),
    headers: tuple[tuple[str, str], ...] = (),
    body: bytes = b"",
    method: str = "GET",
    netloc: str = "metastudio.cn-north-4.myhuaweicloud.com",
    now_index: int = 0,
) -> Case:
    return Case(
        method, "https", netloc, url_path, pairs, raw_query, headers, body, "bytes", now_index
    )


EXPLICIT_CASES = {
    "start-smart-live": _case(
        f"/v1/{PROJECT_ID}/smart-live-rooms/room-1/live-jobs",
        headers=(("Content-Type", "application/json"), ("X-Project-Id", PROJECT_ID)),
        body=b'{"video_config":{"width":1920}}',
        method="POST",
    ),
    "lowercase content-type is not checked by the peer": _case(
        "/v1/x", headers=(("content-type", "text/plain"),), body=b"hello", method="PUT"
    ),
    "Application/JSON is case-sensitive, gets UNSIGNED-PAYLOAD": _case(
        "/v1/x", headers=(("Content-Type", "Application/JSON"),), body=b"{}", method="POST"
    ),
    "UNSIGNED-PAYLOAD header even with an empty body": _case(
        "/v1/x", headers=(("Content-Type", "text/plain"),)
    ),
    "caller's X-Sdk-Content-Sha256 is stripped and used as payload hash": _case(
        "/v1/x", headers=(("x-sdk-content-sha256", " abc "),), body=b"data", method="POST"
    ),
    "whitespace-only X-Sdk-Content-Sha256 falls back to the body hash": _case(
        "/v1/x", headers=(("X-Sdk-Content-Sha256", "   "),), body=b"data", method="POST"
    ),
    "non-ASCII X-Sdk-Content-Sha256 is reread as ISO-8859-1": _case(
        "/v1/x", headers=(("X-Sdk-Content-Sha256", "é"),), body=b"data", method="POST"
    ),
    "lenient X-Sdk-Date is re-formatted for the string to sign": _case(
        "/v1/x", headers=(("x-sdk-date", "2024111T1111Z"),)
    ),
    "encoded slash, invalid UTF-8, stray percent": _case("/a%2Fb/%FF/%zz/%/ é"),
    "empty segments and trailing slash": _case("//a//b/"),
    "root path": _case("/"),
    "query with empty key, bare key, '+' and repeated keys": _case(
        "/q",
        raw_query="b=2&&=dropped&a&c=+%2B&b=1&%C3%A9=%E4%B8%AD",
        pairs=(("b", "2"), ("a", ""), ("c", "++"), ("b", "1"), ("é", "中")),
    ),
    "underscore headers are not signed": _case("/h", headers=(("X_Custom", "1"), ("X-Ok", "2"))),
    "same header name in two cases": _case("/h", headers=(("X-A", "first"), ("x-a", "second"))),
    "caller Host wins": _case("/h", headers=(("host", "elsewhere.example:9"),)),
    "port and IPv6": _case("/h", netloc="[::1]:8443"),
    "aware now in UTC+8": _case("/h", now_index=2),
}


@pytest.mark.parametrize("case", EXPLICIT_CASES.values(), ids=EXPLICIT_CASES.keys())
def test_sign_matches_peer_on_explicit_requests(case: Case) -> None:
    _assert_same_as_peer(case)


def test_empty_url_path_signs_as_root_like_the_peer_given_slash() -> None:
    # The peer crashes on an empty resource path; an empty URL path is sent as "/".
    ours = sign("GET", "https://h.example", {}, b"", ak=AK, sk=SK, now=FIXED_NOW)
    assert ours == _assert_same_as_peer(_case("/", netloc="h.example"))


def test_sign_matches_peer_credentials_path_with_project_id() -> None:
    # BasicCredentials.sign_request() adds X-Project-Id before signing; so must our caller.
    case = _case(
        f"/v1/{PROJECT_ID}/smart-live-rooms", raw_query="limit=10", pairs=(("limit", "10"),)
    )
    peer = _peer_sign(case, via_credentials=True).header_params
    ours = sign("GET", case.url, {"X-Project-Id": PROJECT_ID}, b"", ak=AK, sk=SK, now=FIXED_NOW)
    assert ours["Authorization"] == peer["Authorization"]
    assert "x-project-id" in ours["Authorization"]


def test_sign_result_headers() -> None:
    result = sign(
        "POST",
        "https://metastudio.example:8443/v1/a",
        {"Content-Type": "text/plain"},
        b"x",
        ak=AK,
        sk=SK,
        now=FIXED_NOW,
    )
    assert list(result) == ["X-Sdk-Content-Sha256", "X-Sdk-Date", "Host", "Authorization"]
    assert result["X-Sdk-Date"] == "20250314T150926Z"
    assert result["Host"] == "metastudio.example:8443"
    assert result["X-Sdk-Content-Sha256"] == "UNSIGNED-PAYLOAD"
    assert result["Authorization"].startswith(
        f"{ALGORITHM} Access={AK}, SignedHeaders=content-type;host;x-sdk-content-sha256;x-sdk-date,"
        " Signature="
    )


def test_building_blocks_compose_to_sign() -> None:
    headers = {"Host": "h.example", "X-Sdk-Date": "20250314T150926Z", "X_Skip": "1"}
    names = signed_header_names(headers)
    assert names == ["host", "x-sdk-date"]
    canonical = canonical_request("get", "/a b/", [("z", "1"), ("a", "é")], headers, names, b"")
    assert canonical == (
        "GET\n/a%20b/\na=%C3%A9&z=1\nhost:h.example\nx-sdk-date:20250314T150926Z\n\n"
        "host;x-sdk-date\n" + hashlib.sha256(b"").hexdigest()
    )
    signature = compute_signature(SK, string_to_sign(canonical, "20250314T150926Z"))
    result = sign("GET", "https://h.example/a%20b?z=1&a=%C3%A9", headers, b"", ak=AK, sk=SK)
    assert result == {
        "Authorization": (
            f"{ALGORITHM} Access={AK}, SignedHeaders=host;x-sdk-date, Signature={signature}"
        )
    }


@pytest.mark.parametrize(
    ("kwargs", "url"),
    [
        ({"ak": "", "sk": SK}, "https://h/"),
        ({"ak": AK, "sk": ""}, "https://h/"),
        ({"ak": AK, "sk": SK}, "https://user:pw@h/"),
        ({"ak": AK, "sk": SK}, "https://h/a\tb"),
        ({"ak": AK, "sk": SK}, "/relative-without-host"),
    ],
)
def test_sign_rejects_bad_input_without_leaking_the_secret(
    kwargs: dict[str, str], url: str
) -> None:
    with pytest.raises(ValueError) as excinfo:
        sign("GET", url, {}, b"", now=FIXED_NOW, **kwargs)
    assert SK not in str(excinfo.value)
    assert SK not in repr(excinfo.value)


# --------------------------------------------------------------------------- verify

URL = f"https://metastudio.example:8443/v1/{PROJECT_ID}/smart-live-rooms/r%201?limit=10&name=a%20b"
BODY = b'{"name": "\xe7\x9b\xb4\xe6\x92\xad"}'
SECRETS = {AK: SK}


def _signed_headers() -> dict[str, str]:
    headers = {"Content-Type": "application/json", "X-Project-Id": PROJECT_ID}
    return {**headers, **sign("POST", URL, headers, BODY, ak=AK, sk=SK, now=FIXED_NOW)}


def _verify(
    headers: Mapping[str, str],
    *,
    url: str = URL,
    body: bytes = BODY,
    method: str = "POST",
    now: datetime = FIXED_NOW + timedelta(minutes=1),
    secrets: Mapping[str, str] = SECRETS,
) -> VerifyResult:
    return verify(method, url, headers, body, secret_for=secrets.get, now=now)


def _expected_signature() -> str:
    parsed = parse_authorization(_signed_headers()["Authorization"])
    assert parsed is not None
    return parsed.signature


def test_verify_accepts_a_correctly_signed_request() -> None:
    assert _verify(_signed_headers()) == VerifyResult(True, "ok")
    lowered = {key.lower(): value for key, value in _signed_headers().items()}
    assert _verify(lowered, now=FIXED_NOW.replace(tzinfo=UTC)).ok


def test_verify_accepts_what_the_peer_signed() -> None:
    case = EXPLICIT_CASES["query with empty key, bare key, '+' and repeated keys"]
    request = _peer_sign(case)
    # The peer rewrites request.uri to the canonical query; that is the URL it sends.
    result = verify(
        case.method, request.url, request.header_params, b"", secret_for=SECRETS.get, now=FIXED_NOW
    )
    assert result == VerifyResult(True, "ok")


def _without(headers: dict[str, str], name: str) -> dict[str, str]:
    return {key: value for key, value in headers.items() if key != name}


def _with(headers: dict[str, str], name: str, value: str) -> dict[str, str]:
    return {**headers, name: value}


def _sixteen_minutes_late() -> VerifyResult:
    return _verify(_signed_headers(), now=FIXED_NOW + timedelta(minutes=16))


def _sixteen_minutes_early() -> VerifyResult:
    return _verify(_signed_headers(), now=FIXED_NOW - timedelta(minutes=16))


def _re_signed(headers: dict[str, str], **changes: str) -> dict[str, str]:
    """Headers carrying a valid signature over ``headers`` with ``changes`` applied."""
    changed = {**_without(_without(headers, "Authorization"), "X-Sdk-Date"), **changes}
    return {**changed, **sign("POST", URL, changed, BODY, ak=AK, sk=SK, now=FIXED_NOW)}


FAILURES = {
    "tampered body": (lambda: _verify(_signed_headers(), body=BODY + b" "), "signature mismatch"),
    "tampered path": (
        lambda: _verify(_signed_headers(), url=URL.replace("r%201", "r%202")),
        "signature mismatch",
    ),
    "tampered query": (
        lambda: _verify(_signed_headers(), url=URL.replace("limit=10", "limit=11")),
        "signature mismatch",
    ),
    "tampered method": (lambda: _verify(_signed_headers(), method="PUT"), "signature mismatch"),
    "tampered signed header": (
        lambda: _verify(_with(_signed_headers(), "X-Project-Id", "other")),
        "signature mismatch",
    ),
    "tampered host": (
        lambda: _verify(_with(_signed_headers(), "Host", "evil.example")),
        "signature mismatch",
    ),
    "wrong SK": (
        lambda: _verify(_signed_headers(), secrets={AK: SK + "x"}),
        "signature mismatch",
    ),
    "unknown AK": (lambda: _verify(_signed_headers(), secrets={}), "unknown access key"),
    "missing signed header": (
        lambda: _verify(_without(_signed_headers(), "X-Project-Id")),
        "signed header missing: x-project-id",
    ),
    "missing Authorization": (
        lambda: _verify(_without(_signed_headers(), "Authorization")),
        "missing Authorization",
    ),
    "missing X-Sdk-Date": (
        lambda: _verify(_without(_signed_headers(), "X-Sdk-Date")),
        "missing X-Sdk-Date",
    ),
    "bad X-Sdk-Date": (
        lambda: _verify(_with(_signed_headers(), "X-Sdk-Date", "2025-03-14T15:09:26Z")),
        "bad X-Sdk-Date",
    ),
    "lenient X-Sdk-Date": (
        lambda: _verify(_with(_signed_headers(), "X-Sdk-Date", "2025314T15926Z")),
        "bad X-Sdk-Date",
    ),
    "impossible X-Sdk-Date": (
        lambda: _verify(_with(_signed_headers(), "X-Sdk-Date", "20251314T150926Z")),
        "bad X-Sdk-Date",
    ),
    "date 16 minutes in the past": (_sixteen_minutes_late, "X-Sdk-Date outside the allowed skew"),
    "date 16 minutes in the future": (
        _sixteen_minutes_early,
        "X-Sdk-Date outside the allowed skew",
    ),
    "date not signed": (
        lambda: _verify(
            _with(
                _signed_headers(),
                "Authorization",
                f"{ALGORITHM} Access={AK}, SignedHeaders=host, Signature={'0' * 64}",
            )
        ),
        "X-Sdk-Date not signed",
    ),
    "host not signed": (
        lambda: _verify(
            _with(
                _signed_headers(),
                "Authorization",
                f"{ALGORITHM} Access={AK}, SignedHeaders=x-sdk-date, Signature={'0' * 64}",
            )
        ),
        "Host not signed",
    ),
    "declared payload hash does not match the body": (
        lambda: _verify(_re_signed(_signed_headers(), **{"X-Sdk-Content-Sha256": "0" * 64})),
        "X-Sdk-Content-Sha256 does not match body",
    ),
}


@pytest.mark.parametrize(("attempt", "reason"), FAILURES.values(), ids=FAILURES.keys())
def test_verify_rejects_with_the_right_reason(
    attempt: Callable[[], VerifyResult], reason: str
) -> None:
    result = attempt()
    assert result == VerifyResult(False, reason)
    for text in (result.reason, repr(result), str(result)):
        assert SK not in text
        assert _expected_signature() not in text
        assert AK not in text


def test_verify_skew_boundary_is_inclusive_of_fifteen_minutes() -> None:
    signed_at = FIXED_NOW.replace(microsecond=0)  # X-Sdk-Date has whole seconds
    assert _verify(_signed_headers(), now=signed_at + timedelta(minutes=15)).ok
    assert _verify(_signed_headers(), now=signed_at - timedelta(minutes=15)).ok
    assert not _verify(_signed_headers(), now=signed_at + timedelta(minutes=15, seconds=1)).ok


def test_verify_unsigned_payload_leaves_the_body_unprotected_like_the_gateway() -> None:
    headers = {"Content-Type": "application/octet-stream"}
    signed = {**headers, **sign("POST", URL, headers, b"abc", ak=AK, sk=SK, now=FIXED_NOW)}
    assert signed["X-Sdk-Content-Sha256"] == "UNSIGNED-PAYLOAD"
    assert _verify(signed, body=b"abc").ok
    assert _verify(signed, body=b"something else").ok


MALFORMED = [
    "",
    "Bearer abc",
    "SDK-HMAC-SHA256",
    f"SDK-HMAC-SM3 Access={AK}, SignedHeaders=host;x-sdk-date, Signature={'a' * 64}",
    f"SDK-HMAC-SHA256 Access={AK}, SignedHeaders=host;x-sdk-date",
    f"SDK-HMAC-SHA256 Access={AK}, SignedHeaders=host;x-sdk-date, Signature={'a' * 63}",
    f"SDK-HMAC-SHA256 Access={AK}, SignedHeaders=host;x-sdk-date, Signature={'A' * 64}",
    f"SDK-HMAC-SHA256 Access={AK}, SignedHeaders=, Signature={'a' * 64}",
    f"SDK-HMAC-SHA256 Access={AK}, SignedHeaders=Host;x-sdk-date, Signature={'a' * 64}",
    f"SDK-HMAC-SHA256 Access=, SignedHeaders=host;x-sdk-date, Signature={'a' * 64}",
    f"SDK-HMAC-SHA256 Access={AK}, Access={AK}, SignedHeaders=host, Signature={'a' * 64}",
    f"SDK-HMAC-SHA256 Access={AK}, SignedHeaders=host, Signature={'a' * 64}, Extra=1",
    f"SDK-HMAC-SHA256 Access={AK} SignedHeaders=host Signature={'a' * 64}",
]


@pytest.mark.parametrize("value", MALFORMED)
def test_verify_rejects_malformed_authorization(value: str) -> None:
    assert parse_authorization(value) is None
    result = _verify(_with(_signed_headers(), "Authorization", value))
    assert result == VerifyResult(False, "malformed Authorization")


def test_parse_authorization_round_trip_and_repr_hides_secrets() -> None:
    value = _signed_headers()["Authorization"]
    parsed = parse_authorization(value)
    assert parsed == ParsedAuthorization(
        access_key=AK,
        signed_headers=("content-type", "host", "x-project-id", "x-sdk-date"),
        signature=_expected_signature(),
    )
    assert parse_authorization(value.replace(", ", ",")) == parsed
    for text in (repr(parsed), str(parsed)):
        assert SK not in text
        assert parsed is not None and parsed.signature not in text
        assert AK not in text


def test_verify_treats_an_empty_secret_as_unknown() -> None:
    assert _verify(_signed_headers(), secrets={AK: ""}) == VerifyResult(False, "unknown access key")
