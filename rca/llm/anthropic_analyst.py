"""Claude writes the analysis: prepare, call, parse, re-ask -- four small functions.

    prepare(pack, ...)        evidence pack + versioned prompts -> the request (system prefix cached)
    call(client, request)     one Messages API request; transport retries are the SDK's
    parse(message, pack)      strict JSON -> ModelAnswer, cited ids checked against the pack
    reask(request, invalid)   the one repair turn, carrying the exact validation errors

Validation failures are retried with the model (once); transport failures (429, 529, 5xx,
connection errors, timeouts) are retried by the SDK with backoff that honours `retry-after`. The
two never mix: a rate-limit error never reaches the prompt, a bad answer never triggers backoff.
Anything that still fails raises `ProviderError`, and the pipeline falls back to the offline
analyst with a banner.

Why `messages.create` with `output_config.format` rather than `messages.parse(output_format=...)`:
the wire request is the same (the JSON schema comes from `anthropic.transform_schema`), but
`parse` validates inside the SDK call, so a malformed answer raises there and takes the usage
figures and the raw text with it -- both are needed for the repair turn and the report.

`import anthropic` costs about 1.3 s, so it happens inside the functions that talk to the API.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rca.errors import ProviderError, UsageError
from rca.llm.base import AnalystOptions, build_pack, evidence_hash, resolve_model
from rca.llm.evidence import EvidencePack, truncate
from rca.llm.prompts import prompt_version, render_prompt
from rca.llm.validate import AnswerInvalid, ModelAnswer, answer_schema, parse_answer, to_output
from rca.models import Analysis, AnalystOutput, MiningResult
from rca.redact import Redactor
from rca.schema import AnalystInfo

if TYPE_CHECKING:
    import anthropic
    from anthropic.types import Message

MAX_OUTPUT_TOKENS = 16000  # adaptive thinking (on by default since Sonnet 5) counts against it
RETRYABLE_STATUSES = frozenset({408, 409, 429}) | frozenset(range(500, 600))
MAX_ECHO_CHARS = 24_000  # the repair turn shows at most this much of an invalid answer (head and tail)
IDLE_TIMEOUT_S = 120.0  # a streamed answer may pause this long between events


def answer_time_s(max_tokens: int) -> float:
    """How long an answer of `max_tokens` may take: the SDK's own estimate (an hour per 128k
    tokens: 450 s for 16k), the reason long answers are streamed rather than awaited whole."""
    return 3600.0 * max_tokens / 128_000


# --------------------------------------------------------------------------- prepare


@dataclass
class Request:
    model: str
    prompt_version: str
    pack: EvidencePack
    system: list[dict[str, Any]]
    messages: list[dict[str, Any]]
    max_tokens: int = MAX_OUTPUT_TOKENS
    redact: bool = True

    @property
    def key(self) -> str:
        return evidence_hash(self.pack, self.prompt_version, self.model)

    def params(self, messages: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """Keyword arguments of `messages.create` (also the `params` of a batch request)."""
        import anthropic

        return {
            "model": self.model,
            "max_tokens": self.max_tokens,
            "system": self.system,
            "messages": messages or self.messages,
            "output_config": {"format": {"type": "json_schema", "schema": anthropic.transform_schema(ModelAnswer)}},
        }

    def count_params(self) -> dict[str, Any]:
        """What `messages.count_tokens` takes: the request minus max_tokens (the schema counts)."""
        params = self.params()
        del params["max_tokens"]
        return params


def prepare(mining: MiningResult, analysis: Analysis, options: AnalystOptions) -> Request:
    """The evidence pack and the prompts. The system prompt (rules + schema) is the cached prefix."""
    version = prompt_version()
    pack = build_pack(mining, analysis, options)
    system = render_prompt("system", version, schema_json=json.dumps(answer_schema(), indent=1))
    user = render_prompt("user", version, evidence=pack.text, total_entries=f"{mining.total_entries:,}")
    # Two cache breakpoints: the system prompt, and the evidence message, so the repair turn
    # (same prefix, two messages more) reads the evidence from the cache instead of paying again.
    return Request(
        model=resolve_model(options),
        prompt_version=version,
        pack=pack,
        system=[{"type": "text", "text": system, "cache_control": {"type": "ephemeral"}}],
        messages=[{"role": "user", "content": [{"type": "text", "text": user, "cache_control": {"type": "ephemeral"}}]}],
        redact=options.redact,
    )


# --------------------------------------------------------------------------- call


class DeadlineExceeded(Exception):
    """Raised by the deadline middleware; deliberately not an SDK error, so the SDK won't retry it."""


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.at - time.monotonic()


def _retry_wait(headers: Any, retries_taken: int) -> float:
    """How long the SDK will sleep before its next attempt (an upper bound without retry-after)."""
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        try:
            value = float(headers.get(name)) * scale
        except (TypeError, ValueError):
            continue
        if value > 0:
            return value
    return min(0.5 * 2.0**retries_taken, 8.0)


def deadline_middleware(deadline: Deadline, timeout_s: float, max_retries: int):
    """Keep every attempt, and every retry the SDK is about to sleep for, inside the deadline.

    The SDK honours any `retry-after`, even hours; this gives up instead when the wait would pass
    the overall deadline, and shortens each attempt's timeout to the time left.
    """
    import anthropic

    def handle(request: anthropic.APIRequest, call_next):
        left = deadline.remaining()
        if left <= 0:
            raise DeadlineExceeded(f"the overall deadline of {deadline.seconds:g}s passed")
        retries_left = max_retries - request.retries_taken
        try:
            response = call_next(request.copy(timeout=min(timeout_s, left)))
        except anthropic.APIConnectionError as exc:
            if retries_left > 0 and deadline.remaining() < _retry_wait({}, request.retries_taken):
                raise DeadlineExceeded(
                    f"the overall deadline of {deadline.seconds:g}s left no time to retry ({_describe_connection(exc, timeout_s)})"
                ) from None
            raise
        status = response.status_code
        will_retry = response.headers.get("x-should-retry", "true" if status in RETRYABLE_STATUSES else "false")
        if retries_left > 0 and will_retry == "true":
            if deadline.remaining() < _retry_wait(response.headers, request.retries_taken):
                raise DeadlineExceeded(
                    f"the overall deadline of {deadline.seconds:g}s left no time to retry after HTTP {status}"
                )
        return response

    return handle


def make_client(options: AnalystOptions, deadline: Deadline) -> anthropic.Anthropic:
    import anthropic

    key = os.environ.get("ANTHROPIC_API_KEY")
    if not key and not os.environ.get("ANTHROPIC_AUTH_TOKEN"):
        raise ProviderError("ANTHROPIC_API_KEY is not set")
    kwargs: dict[str, Any] = {"api_key": key} if key else {}
    idle = idle_timeout(options)
    return anthropic.Anthropic(
        **kwargs,  # base URL: ANTHROPIC_BASE_URL, read by the SDK
        max_retries=options.max_retries,
        timeout=idle,
        middleware=[deadline_middleware(deadline, idle, options.max_retries)],
    )


def idle_timeout(options: AnalystOptions) -> float:
    return options.timeout_s if options.timeout_s is not None else IDLE_TIMEOUT_S


def _error_message(exc: Any) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error") if isinstance(body.get("error"), dict) else body
        if inner.get("message"):
            return " ".join(str(inner["message"]).split())[:200]
    return " ".join(str(exc).split())[:200]


def _describe_connection(exc: Exception, timeout_s: float) -> str:
    import anthropic

    if isinstance(exc, anthropic.APITimeoutError):
        return f"nothing received for {timeout_s:g}s"
    cause = exc.__cause__ or exc.__context__
    return f"connection failed: {cause or exc}"


def provider_error(exc: Exception, model: str, options: AnalystOptions) -> ProviderError:
    """One line a person can act on, for each way the API can fail."""
    import anthropic

    retries = options.max_retries
    if isinstance(exc, DeadlineExceeded):
        return ProviderError(f"gave up on Anthropic: {exc}")
    if isinstance(exc, anthropic.AuthenticationError):
        return ProviderError("Anthropic rejected the API key (401): check ANTHROPIC_API_KEY")
    if isinstance(exc, anthropic.PermissionDeniedError):
        return ProviderError(f"Anthropic refused the request (403): {_error_message(exc)}")
    if isinstance(exc, anthropic.NotFoundError):
        return ProviderError(f"model {model} not found (404): choose another with --model or RCA_MODEL")
    if isinstance(exc, anthropic.RateLimitError):
        return ProviderError(f"Anthropic rate limit (429) persisted after {retries} retries: {_error_message(exc)}")
    if isinstance(exc, anthropic.APIStatusError) and exc.status_code == 529:
        return ProviderError(f"Anthropic is overloaded (529) after {retries} retries")
    if isinstance(exc, anthropic.APIStatusError) and exc.status_code >= 500:
        return ProviderError(f"Anthropic server error ({exc.status_code}) after {retries} retries: {_error_message(exc)}")
    if isinstance(exc, anthropic.APIStatusError):
        return ProviderError(f"Anthropic rejected the request ({exc.status_code}): {_error_message(exc)}")
    if isinstance(exc, anthropic.APIConnectionError):
        return ProviderError(f"Anthropic request failed after {retries} retries: {_describe_connection(exc, idle_timeout(options))}")
    return ProviderError(f"Anthropic call failed: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}")


def call(client: anthropic.Anthropic, request: Request, options: AnalystOptions, messages: list | None = None) -> Message:
    """One Messages API request, streamed (the SDK retries transport failures); errors -> ProviderError.

    Streamed because a 16k-token answer may take minutes: the idle timeout applies between events
    and the overall deadline (sized to max_tokens) between them too. A 200 that is not a Message
    (a proxy's HTML page, another JSON shape) is a ProviderError like any other failure.
    """
    import anthropic

    deadline = Deadline(max(options.deadline_s, answer_time_s(request.max_tokens)))
    try:
        with client.messages.stream(**request.params(messages)) as stream:
            for _ in stream:
                if deadline.remaining() <= 0:
                    raise DeadlineExceeded(f"the answer took longer than {deadline.seconds:g}s")
            message = stream.get_final_message()
    except (anthropic.AnthropicError, DeadlineExceeded) as exc:
        raise provider_error(exc, request.model, options) from exc
    except (ValueError, TypeError, AttributeError, KeyError, AssertionError, RuntimeError) as exc:
        raise ProviderError(f"the Anthropic endpoint answered with something that is not a Message ({type(exc).__name__})") from None
    if getattr(message, "type", None) != "message" or not isinstance(getattr(message, "content", None), list):
        raise ProviderError("the Anthropic endpoint answered with something that is not a Message")
    return message


def measure(client: anthropic.Anthropic, request: Request, options: AnalystOptions) -> int | None:
    """The prompt's size as the API counts it (`messages.count_tokens`), for the report.

    A measurement only: the evidence pack was already sized by the conservative offline estimate,
    so the request (and its recording key) does not depend on the network. It gets a short
    deadline of its own and no retries, so a hung count never holds up the report. None when
    unavailable.
    """
    import anthropic

    seconds = options.count_timeout_s
    quick = client.with_options(max_retries=0, middleware=[deadline_middleware(Deadline(seconds), seconds, 0)])
    try:
        counted = quick.messages.count_tokens(**request.count_params())
    except (anthropic.AnthropicError, DeadlineExceeded, ValueError, TypeError):
        return None
    value = getattr(counted, "input_tokens", None)
    return value if isinstance(value, int) else None


# --------------------------------------------------------------------------- parse, re-ask


def answer_text(message: Any) -> str:
    return "".join(block.text for block in message.content if getattr(block, "type", "") == "text")


def parse(message: Any, pack: EvidencePack) -> ModelAnswer:
    """The answer, strictly validated; AnswerInvalid carries the exact errors for the repair turn."""
    text = answer_text(message)
    if message.stop_reason == "refusal":
        raise ProviderError("the model declined to write the analysis (stop_reason: refusal)")
    if message.stop_reason == "max_tokens":
        raise AnswerInvalid(
            [f"the answer was cut off at the {MAX_OUTPUT_TOKENS}-token limit before the JSON was complete; write shorter prose"],
            text,
        )
    return parse_answer(text, pack)


def reask(request: Request, invalid: AnswerInvalid) -> list[dict[str, Any]]:
    """The conversation for the repair turn: the bad answer, then the exact validation errors.

    The evidence message is a cache hit (its breakpoint); the bad answer is sent back redacted and
    cut to its head and tail when long (a runaway answer is not re-sent whole).
    """
    raw = invalid.raw.strip()
    echo = Redactor(enabled=request.redact)(truncate(raw, MAX_ECHO_CHARS))
    cut = f"{len(raw):,}" if len(raw) > MAX_ECHO_CHARS else ""
    return [
        *request.messages,
        {"role": "assistant", "content": echo or "(empty answer)"},
        {"role": "user", "content": render_prompt("repair", request.prompt_version, errors=invalid.errors, cut=cut)},
    ]


# --------------------------------------------------------------------------- the analyst


@dataclass
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    calls: int = 0
    repaired: bool = False  # the answer needed the repair turn

    def add(self, usage: Any) -> None:
        """Input counts what was billed as input: plain plus cache writes; cache reads apart."""
        self.calls += 1
        self.input_tokens += (usage.input_tokens or 0) + (getattr(usage, "cache_creation_input_tokens", 0) or 0)
        self.output_tokens += usage.output_tokens or 0
        self.cache_read_tokens += getattr(usage, "cache_read_input_tokens", 0) or 0


def info_for(request: Request, usage: Usage) -> AnalystInfo:
    return AnalystInfo(
        name="anthropic",
        model=request.model,
        input_tokens=usage.input_tokens,
        output_tokens=usage.output_tokens,
        cache_read_tokens=usage.cache_read_tokens,
        prompt_version=request.prompt_version,
        repaired=usage.repaired,
    )


def validated_answer(
    client: anthropic.Anthropic, request: Request, options: AnalystOptions, message: Any, usage: Usage
) -> ModelAnswer:
    """Parse `message`; on failure, one repair turn with the exact errors; then give up."""
    try:
        return parse(message, request.pack)
    except AnswerInvalid as invalid:
        first = invalid
    repaired = call(client, request, options, reask(request, first))
    usage.add(repaired.usage)
    usage.repaired = True
    try:
        return parse(repaired, request.pack)
    except AnswerInvalid as invalid:
        more = f" (+{len(invalid.errors) - 1} more)" if len(invalid.errors) > 1 else ""
        raise ProviderError(f"the model's answer failed validation after one repair turn: {invalid.errors[0]}{more}") from None


def finish(request: Request, answer: ModelAnswer, usage: Usage, options: AnalystOptions) -> tuple[AnalystOutput, AnalystInfo]:
    output, info = to_output(answer), info_for(request, usage)
    if options.record_dir:
        from rca.llm.replay import write_recording

        try:
            write_recording(options.record_dir, request.key, request.model, request.prompt_version, request.pack,
                            answer, output, info, redact=options.redact)
        except OSError as exc:  # asked for explicitly (eval fixtures): fail loudly, not silently
            raise UsageError(f"cannot write the recording to {options.record_dir}: {exc.strerror or exc}") from None
    return output, info


class AnthropicAnalyst:
    name = "anthropic"

    def __init__(self, options: AnalystOptions | None = None) -> None:
        self.options = options or AnalystOptions(provider="anthropic")

    def analyse(self, mining: MiningResult, analysis: Analysis) -> tuple[AnalystOutput, AnalystInfo]:
        options = self.options
        deadline = Deadline(options.deadline_s)
        request = prepare(mining, analysis, options)
        usage = Usage()
        with make_client(options, deadline) as client:
            message = call(client, request, options)
            usage.add(message.usage)
            answer = validated_answer(client, request, options, message, usage)
            counted = measure(client, request, options)
        output, info = finish(request, answer, usage, options)
        info.counted_prompt_tokens = counted
        return output, info


# --------------------------------------------------------------------------- batch

BatchItem = tuple[str, MiningResult, Analysis]


def analyse_batch(
    items: list[BatchItem],
    options: AnalystOptions,
    *,
    poll_interval_s: float = 15.0,
    batch_deadline_s: float = 24 * 3600.0,
) -> dict[str, tuple[AnalystOutput, AnalystInfo] | Exception]:
    """Many analyses through the Message Batches API (half price, up to 24 h).

    Each key maps to its (output, info) or to the ProviderError that stopped it; a batch answer
    that fails validation gets its one repair turn as an ordinary request.
    """
    import anthropic

    results: dict[str, tuple[AnalystOutput, AnalystInfo] | Exception] = {}
    if not items:
        return results
    requests = {f"rca-{i}": (key, prepare(mining, analysis, options)) for i, (key, mining, analysis) in enumerate(items)}
    deadline = Deadline(batch_deadline_s)
    with make_client(options, deadline) as client:
        try:
            batch = client.messages.batches.create(
                requests=[{"custom_id": cid, "params": req.params()} for cid, (_, req) in requests.items()]
            )
            while batch.processing_status != "ended":
                if deadline.remaining() < poll_interval_s:
                    raise DeadlineExceeded(f"batch {batch.id} did not finish within {batch_deadline_s:g}s")
                time.sleep(poll_interval_s)
                batch = client.messages.batches.retrieve(batch.id)
            lines = list(client.messages.batches.results(batch.id))
        except (anthropic.AnthropicError, DeadlineExceeded) as exc:
            error = provider_error(exc, resolve_model(options), options)
            return {key: error for key, _ in requests.values()}
        for line in lines:
            if line.custom_id not in requests:
                continue
            key, request = requests[line.custom_id]
            results[key] = _batch_result(client, request, options, line.result)
    for key, _ in requests.values():
        results.setdefault(key, ProviderError("the batch returned no result for this request"))
    return results


def _batch_result(client: Any, request: Request, options: AnalystOptions, result: Any) -> tuple[AnalystOutput, AnalystInfo] | Exception:
    if result.type != "succeeded":
        error = getattr(getattr(result, "error", None), "error", None)
        detail = f": {error.type}: {error.message}" if error is not None else ""
        return ProviderError(f"batch request {result.type}{detail}")
    usage = Usage()
    usage.add(result.message.usage)
    client = client.with_options(middleware=[deadline_middleware(Deadline(options.deadline_s), idle_timeout(options), options.max_retries)])
    try:
        answer = validated_answer(client, request, options, result.message, usage)
        return finish(request, answer, usage, options)
    except ProviderError as exc:
        return exc
