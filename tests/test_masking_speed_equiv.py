"""Masker shortcuts (token and digit-shape caches, `_FAST` first, byte shapes) against the plain rules.

`Masker(n).tokens(msg, limit)` must be a pure function of (msg, limit) for every cache size n: the
same as masking each token with `_rules_for(tok).sub(_replace, tok)`. The messages here are built to
hit every shortcut: many tokens sharing a digit shape (so the shape cache answers), shapes whose
masked form keeps a digit or is the shape itself, the digit literals "0x" and "::1", non-ASCII
digits, lone surrogates, and tokens `_FAST` matches or nearly matches.
"""

from __future__ import annotations

import random

import pytest

from rca.mining import masking


_plain_tokens = masking.plain_tokens


# "D" is a run of random digits (now and then hex letters): tokens of one template share digit shapes.
_TEMPLATES = [
    "D.D.D.D", "D.D.D.D:D", "/D.D.D.D", "host/D.D.D.D:D", "fe80::D:D", "::D", "::1", "::1:D", "D::D", "0x::D",
    "Dx::1", "2001:db8::D", "DD:DD:DD:DD:DD:DD", "0xD", "0XDf", "xD", "Dx", "key=0xD", "HTTP/D.D", "vD.D", "Dms",
    "D.Ds", "DKB", "-D", "+D", "(D", "D)", "[D]", "D%", "DDDD-DD-DDTDD:DD:DD.DDDZ", "DDDD-DD-DDTDD:DD:DD+DD:DD",
    "DD:DD:DD,DDD", "blk_-D", "a_D_b", "id=D", "x='D'", '"aD"', 'tag="LockD"', "user=D,", "status='D'",
    "/pD/x", "/Dp", "/٣D", "٣D", "D٣", "D\ud800D", "é:D", "aaaaaaaaaaaD", "DDDDDDDDDDDD", "DDDDDDDDx",
    "DDDDDDDD-DDDD-DDDD-DDDD-DDDDDDDDDDDD", "(run_id=DDDDDDDD-DDDD-DDDD-DDDD-DDDDDDDDDDDD)", "lesson:DDDDDDDDDDDD,",
    "aD.example.com:D", "bob.D@x.io", "http://h:D/p?q=D", "/api/vD/search?q=D", "eD", "DeD", "D.D.D.D.D", "DDDDDDDD",
]
_PIECES = ["0x", "0X", "::1", "::", ":", "x", "X", ".", "/", "-", "_", "=", "'", '"', "@", ",", "(", ")", "٣", "١٢",
           "３", "²", "\ud800", "é", "→", "ms", "KB", "s", "Z", "T", "+", "v", "HTTP/", "blk_", "true", "failed",
           "OK", "ERROR", "deadbeef", "fe80", "a", "f", "g", ".com", "%", "~", "µs"]


def _messages(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)

    def digits(k: int) -> str:
        return "".join(rnd.choice("0123456789" if rnd.random() < 0.8 else "0123456789abcdef") for _ in range(k))

    def token() -> str:
        r = rnd.random()
        if r < 0.5:
            return "".join(digits(rnd.choice((1, 1, 2, 3, 4))) if c == "D" else c for c in rnd.choice(_TEMPLATES))
        if r < 0.85:
            return "".join(rnd.choice(_PIECES) if rnd.random() < 0.5 else digits(rnd.randint(1, 4))
                           for _ in range(rnd.randint(1, 5)))
        return "".join(rnd.choice("0123456789abcdefxX:./-_=@٣") for _ in range(rnd.randint(1, 40)))

    return [" ".join(token() for _ in range(rnd.randint(1, 9))) for _ in range(n)]


@pytest.mark.parametrize("size", [0, 1, 5, 4_000])
def test_masker_equals_plain_rules_for_every_cache_size(size: int):
    msgs = _messages(600, seed=size)
    msgs += msgs[:200]  # again, now through warm caches
    masker = masking.Masker(size)  # 1 and 5: the generations turn over all the time
    for m in msgs:
        for limit in (0, 4):
            assert masker.tokens(m, limit) == _plain_tokens(m, limit), m


def test_repeated_tokens_and_shapes_within_one_message():
    masker = masking.Masker(3)
    for m in ["5 5 5 5 7 7", "0x1 0x2 0x1 0x20 1x1 ::1 ::2 ::1 ::12", "36b43146 dce3bb47 36b43146 22acbb22",
              "HTTP/1.1 HTTP/2.0 HTTP/1.1", "a=1 a=1 a=2 a=x1", "٣ ٣1 1٣ ٣"]:
        assert masker.tokens(m, 0) == _plain_tokens(m, 0), m


def test_byte_digit_shapes_are_the_str_digit_shapes():
    rnd = random.Random(5)
    alphabet = "0123456789xX:٣３é\ud800→a "
    for _ in range(2_000):
        tok = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 12)))
        b = tok.encode("utf-8", "surrogatepass")
        if "::" in tok:
            table = masking._BYTE_SHAPE_COLONS
        elif "x" in tok or "X" in tok:
            table = masking._BYTE_SHAPE_X
        else:
            table = masking._BYTE_SHAPE
        assert b.translate(table) == masking.digit_shape(tok).encode("utf-8", "surrogatepass")


def test_fast_candidates_cover_every_fast_match():
    """`_FAST` is tried only on tokens starting with "/" or 12+ long with 8 alphanumerics first."""
    msgs = _messages(1_000, seed=9)
    for tok in [t for m in msgs for t in m.split()] + ["/x", "/٣", "/1", "aaaaaaaaaaaa", "1234567890ab"]:
        if masking._FAST.fullmatch(tok) is not None:
            assert tok[0] == "/" or (len(tok) >= 12 and tok[:8].isalnum()), tok


def test_record_dumps_mask_alike_through_the_caches():
    """A record dump collapses to `<JSON>` before the token limit, through any cache size."""
    rnd = random.Random(11)
    msgs = []
    for _ in range(80):
        body = ", ".join('{"id": "%x", "s": "%s", "n": [%d, {"k": "]"}]}' % (rnd.getrandbits(40), rnd.choice("ab"),
                                                                              rnd.randrange(99)) for _ in range(rnd.randint(1, 30)))
        msgs.append(f"dump {rnd.randrange(99)} at 10.0.0.{rnd.randrange(9)}: [{body}] done in {rnd.randrange(99)}ms")
    for size in (0, 3, 4_000):
        masker = masking.Masker(size)
        for m in msgs + msgs[:20]:
            for limit in (0, 4, 64):
                got = masker.tokens(m, limit)
                assert got == _plain_tokens(m, limit), m
                assert "<JSON>" in got or limit == 4


_ODD = ["a\u00a0b c\u2028d", "caf\u00e9 12:34:56 done", "x\u3000y 7", "\u00e9 1 2 3", "GET /a/1 \u2192 200 (0.1 s)",
        "tab\there\r\nnext", "\x1c\x1dz \x1f", "\u0663\u0663:\u0663\u0663: eastern digits", "ok" * 300,
        " ".join(str(i) for i in range(300)), "", "   ", "\u00ff 1.2.3.4", "at 12:34:56  UTC twice",
        "t 2024-01-01 12:34:56.123Z x", "Jan  1 12:00:00 host", "x " * 70 + "12:34:56Z", "é" * 20 + " 12",
        'dump 7: [{"a": "12:34:56Z"}] end', 'dump 8: [{"a": "x"}, {"b": [2]}] end', '[{"a": 1}] first', "\ud800 lone 12", "x" * 300 + " 12", "1:23:45: not a time 7"]


@pytest.mark.parametrize("size", [1, 5, 4_000])
def test_masked_function_equals_the_joined_plain_tokens(size: int):
    """`Masker.masked_function()` (the C scan with its token table when in use) is
    " ".join(tokens) by the plain rules, for every limit, message shape and cache size."""
    msgs = _messages(600, seed=size + 1) + _ODD
    msgs += msgs[:200]  # again, now through warm caches
    masked = masking.Masker(size).masked_function()
    for m in msgs:
        for limit in (0, 1, 4, 64, 256):
            assert masked(m, limit) == " ".join(_plain_tokens(m, limit)), (m, limit)


# ------------------------------------------------------------------ the C token table and time test

_fastmine = masking._fastmine if masking._masked_text is not None else None
needs_c = pytest.mark.skipif(_fastmine is None, reason="C accelerator not in use")

# pieces of times and near-times: the prefilters' every branch (Unicode decimal digits count as
# `\d`, '²' is a digit but not a decimal one)
_TIME_PIECES = ["12", "1", "123", ":", ":3", "05", "٣٣", "５", "²", ".", ",", ".5", ",123", " ", "  ", "Z", "UTC",
                "UT", "+", "-", "+01", "-0", "+x", "T", "Jan", "Feb", "Dec", "Ja", "jan", "JAN", "Sept", "Mon,",
                "x", "é", "\t", "\n", "\u00a0", "2024-01-01", "INFO", "Janx", "Jan ", "Oct 3,"]


def _time_strings(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    out = ["", ":", "::", "1:23:45", "12:34:56", "12:34:56Z", "12:34:56 +0100", "12:34:56.789 UTC", "12:34:56,1-5",
           "12:34:56.Z", "12:34:56. Z", "12:34:56  Z", "Jan 2 15:04:05", "Jan  2 15:04:05", "Jan 2, 15:04:05",
           "Jan 2,  1:04:05", "Jan 123 15:04:05", "Jan 2 150:04:05", "Jan2 15:04:05", "Jan 2 15:04:0", "Dec 31 23:59:59x",
           "2025-10-07 04:16:45,574 INFO [x] y", "[2025-10-07 04:15:16 +0000] [1] z", "٣٣:٣٣:٣٣Z", "１２:３４:５６ UTC",
           "12:34:5²Z", "Jan ²2 15:04:05", "x" * 300 + " 12:34:56Z"]
    def pick(*options: str) -> str:
        return rnd.choice(options)

    for _ in range(n):
        noise = "".join(rnd.choice(_TIME_PIECES) for _ in range(rnd.randint(0, 6)))
        if rnd.random() < 0.3:
            out.append(noise + "".join(rnd.choice(_TIME_PIECES) for _ in range(rnd.randint(1, 8))))
            continue
        month = pick("", "", "Jan ", "Jan  ", "Feb 3 ", "Oct 12, ", "Dec 123 ", "jan 1 ", "Jan 2,", "Jan \u0663 ",
                     "Mar 1  ", "Sept 1 ", "Nov 1,  ")
        clock = pick("1", "12", "123", "\u0663", "", "\u00b2") + ":" + pick("34", "3", "\u0663\u0664", "3x") + pick(":", ";") \
            + pick("56", "5", "\uff15\uff16", "5\u00b2")
        tail = pick("", ".5", ",123", ".", ",x", ".\u0663") + pick("", " ", "  ") + pick("", "Z", "UTC", "UT", "+01", "-0", "+x", "-", "z")
        out.append(noise + month + clock + tail + pick("", " x", "Z", ":12:34"))
    return out


@needs_c
def test_c_time_test_is_the_python_one():
    """`has_times` / `time_rewritten` in C (masked_text asks them of a message with `:dd:`) answer
    as masking._has_times / masking._time_rewritten, also past the token limit."""
    strings = _time_strings(6000, seed=7)
    assert sum(map(masking._has_times, strings)) > 100  # both answers are well represented
    for s in strings:
        assert _fastmine.has_times(s) == masking._has_times(s), s
        for limit in (0, 1, 3, 64):
            assert _fastmine.time_rewritten(s, limit, masking._time_rewritten) == masking._time_rewritten(s, limit), \
                (s, limit)


@needs_c
def test_unique_numbers_do_not_push_words_out_of_the_token_table():
    """Tokens a digit shape settles (numbers, times, ids: often unique) are not stored in the token
    table, so they do not fill it: a word goes through the rules once, however many unique numbers
    come after it (storing them cleared the table again and again)."""
    from collections import Counter
    from functools import partial

    calls: Counter[str] = Counter()

    def mask_token(tok: str) -> str:
        calls[tok] += 1
        return masking._mask_token(tok)

    m = masking.Masker(500)
    masked = partial(masking._masked_text, m.c_table, m.c_tokens, m.c_shapes, m.size, mask_token, m.tokens,
                     masking._time_rewritten)
    words = [f"[svc.{w}]" for w in ("render", "proxy", "graphql", "auth", "billing")] + ["projects/sable/topics/jobs"]
    for i in range(6000):
        msg = f"{words[i % len(words)]} request {i} took {i * 7 % 997}.{i % 1000}ms at 10.1.{i % 250}.{i // 250}:{i}"
        assert masked(msg, 64) == " ".join(_plain_tokens(msg, 64)), msg
    assert all(calls[w] == 1 for w in words), {w: calls[w] for w in words}


def test_long_tokens_with_digits_mask_like_the_rules():
    masked = masking.Masker(50).masked_function()
    for msg in ("k=" + "ab12" * 80, "/api/v1/" + "x9" * 200 + " done 7", "0x" + "f1" * 150, "1" * 400 + " 2" * 3):
        for _ in range(2):
            assert masked(msg, 64) == " ".join(_plain_tokens(msg, 64)), msg
