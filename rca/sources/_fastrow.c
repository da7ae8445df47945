/* Optional C accelerator for rca.sources.gcloud.normalize_row (one LogEntry dict -> a row tuple).
 *
 * Why: normalising runs once per log entry and was the largest share of a worker's time after
 * JSON decoding. This handles the common entry shapes (textPayload text, httpRequest request
 * logs, jsonPayload with a plain "message") exactly like the Python function, and hands every
 * other entry, and every entry whose cached per-minute / URL / log-name value is not known yet,
 * to the Python implementation (`fallback`), which stays the reference: tests compare the two on
 * every entry of the shared and synthetic incidents and on generated and odd entries.
 *
 * Configured once by rca.sources.gcloud (`configure`) with the Python objects it shares: the
 * fallback function, the severity table, the status-text cache and exception_name.
 *
 * It also holds C twins of rca.sources.tracebacks.exception_name and classify_line, which the row
 * loops call for about half the entries (see "traceback lines, in C" below).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include "../mining/_acc_slots.h" /* slot_offset */

static PyObject *fallback;       /* rca.sources.gcloud.normalize_row_py */
static PyObject *severity_table; /* gcloud._SEVERITY */
static PyObject *status_texts;   /* gcloud._STATUS_TEXT (filled by the Python side) */
static PyObject *exception_name; /* rca.sources.tracebacks.exception_name */
static Py_ssize_t max_chars;     /* MAX_MESSAGE_CHARS */
static Py_ssize_t cache_max;     /* gcloud._CACHE_MAX */
static Py_ssize_t max_endpoint;  /* gcloud._MAX_ENDPOINT */

/* interned strings */
static PyObject *k_textPayload, *k_httpRequest, *k_jsonPayload, *k_protoPayload, *k_timestamp,
    *k_receiveTimestamp, *k_severity, *k_status, *k_latency, *k_requestUrl, *k_requestMethod,
    *k_labels, *k_instanceId, *k_resource, *k_logName, *k_trace, *k_message, *k_error, *k_err,
    *k_stack_trace, *k_stacktrace, *k_exc_info, *k_traceback, *k_stack;
static PyObject *k_service_name, *k_container_name, *k_namespace_name, *k_function_name,
    *k_job_name, *k_module_id, *k_revision_name, *k_version_id, *k_pod_name, *k_instance_id;
static PyObject *a_minutes, *a_paths, *a_streams, *a_names;
static PyObject *s_empty, *s_slash, *s_DEFAULT, *s_arrow, *s_scheme_sep, *_one;
/* resource label keys, in the order the Python code tries them */
static PyObject *svc_keys[6], *rev_keys[2], *inst_keys[2];

/* Result of a step that cannot be done here: let the Python implementation do the whole entry. */
#define FALLBACK ((PyObject *)1)

/* d.get(key) as the Python code sees it: NULL for a missing key and for None (JSON null). */
static inline PyObject *
get(PyObject *d, PyObject *key)
{
    PyObject *v = PyDict_GetItemWithError(d, key);
    return v == Py_None ? NULL : v;
}

/* Truthiness for the values a decoded JSON entry holds; -1 when it cannot be told here. */
static inline int
truthy(PyObject *v)
{
    if (v == NULL || v == Py_None)
        return 0;
    if (PyUnicode_CheckExact(v))
        return PyUnicode_GET_LENGTH(v) != 0;
    if (PyDict_CheckExact(v))
        return PyDict_GET_SIZE(v) != 0;
    if (PyList_CheckExact(v))
        return PyList_GET_SIZE(v) != 0;
    if (PyLong_CheckExact(v) || PyFloat_CheckExact(v) || PyBool_Check(v))
        return PyObject_IsTrue(v);
    return -1;
}

/* First truthy value of d[keys...] that is a str (borrowed), s_empty when none is truthy,
 * FALLBACK when a truthy value is not a str (the Python code would str() it later). */
static PyObject *
first_str(PyObject *d, PyObject *const *keys, int n)
{
    for (int i = 0; i < n; i++) {
        PyObject *v = get(d, keys[i]);
        int t = truthy(v);
        if (t < 0)
            return FALLBACK;
        if (t) {
            if (!PyUnicode_CheckExact(v))
                return FALLBACK;
            return v;
        }
    }
    return s_empty;
}

/* url_path(url): the path of a request URL without scheme, host, query string or fragment. */
static PyObject *
url_path(PyObject *url)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(url), i, j, k;
    PyObject *u;
    i = PyUnicode_Find(url, s_scheme_sep, 0, n, 1);
    if (i == -2)
        return NULL;
    if (i >= 0) {
        j = PyUnicode_FindChar(url, '/', i + 3, n, 1);
        if (j == -2)
            return NULL;
        u = j >= 0 ? PyUnicode_Substring(url, j, n) : Py_NewRef(s_slash);
    } else if (n == 0 || PyUnicode_READ_CHAR(url, 0) != '/') {
        j = PyUnicode_FindChar(url, '/', 0, n, 1);
        if (j == -2)
            return NULL;
        u = j >= 0 ? PyUnicode_Substring(url, j, n) : PyUnicode_Concat(s_slash, url);
    } else {
        u = Py_NewRef(url);
    }
    if (u == NULL)
        return NULL;
    for (int s = 0; s < 2; s++) {
        n = PyUnicode_GET_LENGTH(u);
        k = PyUnicode_FindChar(u, s == 0 ? '?' : '#', 0, n, 1);
        if (k == -2) {
            Py_DECREF(u);
            return NULL;
        }
        if (k >= 0)
            Py_SETREF(u, PyUnicode_Substring(u, 0, k));
        if (u == NULL)
            return NULL;
    }
    if (PyUnicode_GET_LENGTH(u) == 0)
        Py_SETREF(u, Py_NewRef(s_slash));
    if (PyUnicode_GET_LENGTH(u) > max_endpoint)
        Py_SETREF(u, PyUnicode_Substring(u, 0, max_endpoint));
    return u;
}

static PyObject *
format_latency(double seconds)
{
    /* f"{seconds:.0f} s" if seconds >= 100 else f"{seconds:.3g} s" */
    char *buf = seconds >= 100 ? PyOS_double_to_string(seconds, 'f', 0, 0, NULL)
                               : PyOS_double_to_string(seconds, 'g', 3, 0, NULL);
    if (buf == NULL)
        return NULL;
    PyObject *r = PyUnicode_FromFormat("%s s", buf);
    PyMem_Free(buf);
    return r;
}

static PyObject *
call_fallback(PyObject *const *args)
{
    if (PyErr_Occurred())
        PyErr_Clear();
    return PyObject_Vectorcall(fallback, args, 3, NULL);
}

/* ----------------------------------------------------------------- traceback lines, in C */

/* rca.sources.tracebacks.exception_name and classify_line for exact str (every row's message and
 * exception): the Python functions were called for about half the entries, ~1 µs a call. They stay
 * the reference and get every call these do not answer (other argument types, or rules that could
 * not be read); tests compare the two on incidents, generated logs and odd strings.
 *
 * The rules that are data (suffixes, bare names, line kinds, header sentences) are read from the
 * tracebacks module by `configure`, and the two regular expressions coded here by hand are checked
 * against the module's patterns there: on any difference the C twins stay off (Python answers and
 * `traceback_rules()` is None, which a test checks), so they cannot silently drift from it. */
static PyObject *classify_py;    /* tracebacks.classify_line; NULL: the twins are off */
static PyObject *exc_suffixes;   /* tracebacks._EXC_SUFFIXES, a tuple of str */
static PyObject *bare_names;     /* tuple(tracebacks._BARE_EXCEPTIONS), all str */
static PyObject *tb_headers;     /* (TRACEBACK_HEADER, _CHAIN_DIRECT, _CHAIN_DURING) */
static PyObject *kind_values[6]; /* 0, then TB_START, FRAME, CODE, CHAIN, EXC */
enum { K_NONE, K_TB_START, K_FRAME, K_CODE, K_CHAIN, K_EXC };

/* what the code below implements, compared with the module's compiled patterns by `configure` */
#define FRAME_PATTERN "[ \\t]+File \"[^\"\\n]*\", line \\d+"
#define NAME_PATTERN "_*[A-Za-z][A-Za-z0-9_]*(?:\\._*[A-Za-z][A-Za-z0-9_]*)*"

#define IS_LETTER(c) (((c) >= 'A' && (c) <= 'Z') || ((c) >= 'a' && (c) <= 'z'))
#define IS_DIGIT(c) ((c) >= '0' && (c) <= '9')

/* data[start:start + len(s)] == s, for str s; the caller checked the length */
static int
same_chars(int kind, const void *data, Py_ssize_t start, PyObject *s)
{
    int sk = PyUnicode_KIND(s);
    const void *sd = PyUnicode_DATA(s);
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    for (Py_ssize_t j = 0; j < n; j++)
        if (PyUnicode_READ(kind, data, start + j) != PyUnicode_READ(sk, sd, j))
            return 0;
    return 1;
}

/* data[start:].startswith(text), text ASCII */
static int
has_ascii(int kind, const void *data, Py_ssize_t n, Py_ssize_t start, const char *text)
{
    for (; *text; text++, start++)
        if (start >= n || PyUnicode_READ(kind, data, start) != (Py_UCS4)(unsigned char)*text)
            return 0;
    return 1;
}

/* len(exception_name(line, strict)) for the characters data[0:n] of a str's kind (a whole str, or a
 * slice of one without making it): the name is always a prefix of the line (0: ""). One pass over at
 * most 201 characters: a character that cannot be in a name, or a name longer than 200, ends it early
 * with the answer Python gets after its checks. */
static Py_ssize_t
name_length_in(int kind, const void *data, Py_ssize_t n, int strict)
{
    Py_ssize_t i, last = 0, j;
    int in_part = 0; /* _NAME_RE: past the letter that starts the current dotted part */
    Py_UCS4 c;
    for (i = 0; i < n; i++) {
        c = PyUnicode_READ(kind, data, i);
        if (c == ':')
            break;
        if (i >= 200)
            return 0; /* len(name) > 200 */
        if (!in_part) {
            if (IS_LETTER(c))
                in_part = 1;
            else if (c != '_')
                return 0;
        } else if (c == '.') {
            in_part = 0;
            last = i + 1;
        } else if (!(IS_LETTER(c) || IS_DIGIT(c) || c == '_')) {
            return 0;
        }
    }
    /* `line[i + 1:i + 2] not in ("", " ", "\t")`: "http://...", "a:b" */
    if (i + 1 < n) {
        c = PyUnicode_READ(kind, data, i + 1);
        if (c != ' ' && c != '\t')
            return 0;
    }
    if (!in_part)
        return 0; /* "", "__", "a.", "a._" */
    /* the last dotted part, name.rpartition(".")[2], is line[last:i] */
    for (j = 0; j < PyTuple_GET_SIZE(exc_suffixes); j++) {
        PyObject *s = PyTuple_GET_ITEM(exc_suffixes, j);
        Py_ssize_t k = PyUnicode_GET_LENGTH(s);
        if (k <= i - last && same_chars(kind, data, i - k, s))
            return i;
    }
    for (j = 0; j < PyTuple_GET_SIZE(bare_names); j++) {
        PyObject *s = PyTuple_GET_ITEM(bare_names, j);
        if (PyUnicode_GET_LENGTH(s) == i - last && same_chars(kind, data, last, s))
            return i;
    }
    if (!strict) {
        /* last.lstrip("_")[:1].isupper(): the part has a letter, and it is ASCII */
        for (j = last; PyUnicode_READ(kind, data, j) == '_'; j++)
            ;
        c = PyUnicode_READ(kind, data, j);
        if (c >= 'A' && c <= 'Z')
            return i;
    }
    return 0;
}

/* len(exception_name(line, strict)) for an exact str */
static Py_ssize_t
name_length(PyObject *line, int strict)
{
    return name_length_in(PyUnicode_KIND(line), PyUnicode_DATA(line), PyUnicode_GET_LENGTH(line), strict);
}

/* exception_name(line, strict) for an exact str (new reference) */
static PyObject *
name_of(PyObject *line, int strict)
{
    Py_ssize_t k = name_length(line, strict);
    if (k == 0)
        return Py_NewRef(s_empty);
    return PyUnicode_Substring(line, 0, k);
}

/* _FRAME_RE.match(msg): [ \t]+File "[^"\n]*", line \d+ matched at the start. Each step has one way
 * to match (no backtracking helps); re's \d is str.isdecimal (Py_UNICODE_ISDECIMAL) on each character. */
static int
is_frame(int kind, const void *data, Py_ssize_t n)
{
    Py_ssize_t i = 0;
    Py_UCS4 c;
    while (i < n && ((c = PyUnicode_READ(kind, data, i)) == ' ' || c == '\t'))
        i++;
    if (i == 0 || !has_ascii(kind, data, n, i, "File \""))
        return 0;
    for (i += 6; i < n && (c = PyUnicode_READ(kind, data, i)) != '"' && c != '\n'; i++)
        ;
    if (!has_ascii(kind, data, n, i, "\", line "))
        return 0;
    i += 8;
    return i < n && Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, i));
}

/* msg.startswith(prefix) for str; -1 with an exception set */
static inline int
starts_with(PyObject *msg, PyObject *prefix)
{
    return (int)PyUnicode_Tailmatch(msg, prefix, 0, PY_SSIZE_T_MAX, -1);
}

/* k when "\n" not in msg, else K_NONE (-1 with an exception set) */
static inline int
one_line(PyObject *msg, int k)
{
    Py_ssize_t nl = PyUnicode_FindChar(msg, '\n', 0, PyUnicode_GET_LENGTH(msg), 1);
    return nl == -2 ? -1 : nl >= 0 ? K_NONE : k;
}

/* classify_line(msg, exception) for exact str, in its order of tests: a K_ value (an index into
 * kind_values), or -1 with an exception set. */
static int
line_kind(PyObject *msg, PyObject *exception)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(msg), sp;
    int kind = PyUnicode_KIND(msg), t;
    const void *data = PyUnicode_DATA(msg);
    Py_UCS4 c = n > 0 ? PyUnicode_READ(kind, data, 0) : 0; /* msg[:1]; "" goes the way "\0" goes */

    if (c == ' ' || c == '\t') {
        t = one_line(msg, K_CODE);
        return t == K_CODE && is_frame(kind, data, n) ? K_FRAME : t;
    }
    if (c == 'T' || c == 'D') {
        if ((t = starts_with(msg, PyTuple_GET_ITEM(tb_headers, 0))) != 0)
            return t < 0 ? -1 : one_line(msg, K_TB_START);
        if ((t = starts_with(msg, PyTuple_GET_ITEM(tb_headers, 1))) == 0)
            t = starts_with(msg, PyTuple_GET_ITEM(tb_headers, 2));
        if (t != 0)
            return t < 0 ? -1 : one_line(msg, K_CHAIN);
    } else if (c == '^' || c == '~') {
        return one_line(msg, K_CODE);
    }
    if (PyUnicode_GET_LENGTH(exception) > 0 && (t = starts_with(msg, exception)) != 0)
        return t < 0 ? -1 : one_line(msg, K_EXC);
    /* Candidate exception lines. Python asks c.isalpha(), but a line starting with a non-ASCII
     * letter has no exception name (_NAME_RE is ASCII), so it is 0 either way. */
    if (!(IS_LETTER(c) || c == '_'))
        return K_NONE;
    sp = PyUnicode_FindChar(msg, ' ', 0, n, 1);
    if (sp == -2)
        return -1;
    /* `sp < 0 or msg[sp - 1] == ":"` (msg[-1] when sp is 0) */
    if (sp >= 0 && PyUnicode_READ(kind, data, sp > 0 ? sp - 1 : n - 1) != ':')
        return K_NONE;
    t = one_line(msg, K_EXC);
    return t == K_EXC && name_length(msg, 0) == 0 ? K_NONE : t;
}

/* classify(msg, exception): in C when classify is tracebacks.classify_line and both are exact str */
static PyObject *
classify_row(PyObject *classify, PyObject *msg, PyObject *exception)
{
    if (classify == classify_py && PyUnicode_CheckExact(msg) && PyUnicode_CheckExact(exception)) {
        int k = line_kind(msg, exception);
        return k < 0 ? NULL : Py_NewRef(kind_values[k]);
    }
    return PyObject_CallFunctionObjArgs(classify, msg, exception, NULL);
}

/* compiled.pattern == text and compiled.flags == re.UNICODE (32), for a compiled re */
static int
pattern_is(PyObject *compiled, const char *text)
{
    PyObject *p = PyObject_GetAttrString(compiled, "pattern"), *f;
    int ok = p != NULL && PyUnicode_CheckExact(p) && PyUnicode_CompareWithASCIIString(p, text) == 0;
    Py_XDECREF(p);
    if (!ok)
        return 0;
    f = PyObject_GetAttrString(compiled, "flags");
    ok = f != NULL && PyLong_CheckExact(f) && PyLong_AsLong(f) == 32;
    Py_XDECREF(f);
    return ok;
}

/* Read the rules from the module of `fn` (tracebacks.exception_name). Leaves the twins off when
 * one is missing or not what the code here expects; never fails. */
static void
read_traceback_rules(PyObject *fn)
{
    static const char *kind_names[5] = {"TB_START", "FRAME", "CODE", "CHAIN", "EXC"};
    static const char *header_names[3] = {"TRACEBACK_HEADER", "_CHAIN_DIRECT", "_CHAIN_DURING"};
    PyObject *g, *v, *suffixes, *bare = NULL, *headers = NULL, *kinds[5] = {NULL};
    int ok = 0;

    Py_CLEAR(classify_py);
    if (!PyFunction_Check(fn))
        return;
    g = PyFunction_GET_GLOBALS(fn);
    if (PyDict_GetItemString(g, "exception_name") != fn)
        return;
    v = PyDict_GetItemString(g, "_FRAME_RE");
    if (v == NULL || !pattern_is(v, FRAME_PATTERN))
        goto done;
    v = PyDict_GetItemString(g, "_NAME_RE");
    if (v == NULL || !pattern_is(v, NAME_PATTERN))
        goto done;
    suffixes = PyDict_GetItemString(g, "_EXC_SUFFIXES");
    if (suffixes == NULL || !PyTuple_CheckExact(suffixes))
        goto done;
    for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(suffixes); j++)
        if (!PyUnicode_CheckExact(PyTuple_GET_ITEM(suffixes, j)))
            goto done;
    v = PyDict_GetItemString(g, "_BARE_EXCEPTIONS");
    if (v == NULL || !PyFrozenSet_CheckExact(v) || (bare = PySequence_Tuple(v)) == NULL)
        goto done;
    for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(bare); j++)
        if (!PyUnicode_CheckExact(PyTuple_GET_ITEM(bare, j)))
            goto done;
    if ((headers = PyTuple_New(3)) == NULL)
        goto done;
    for (int j = 0; j < 3; j++) {
        v = PyDict_GetItemString(g, header_names[j]);
        if (v == NULL || !PyUnicode_CheckExact(v))
            goto done;
        PyTuple_SET_ITEM(headers, j, Py_NewRef(v));
    }
    for (int j = 0; j < 5; j++) {
        kinds[j] = PyDict_GetItemString(g, kind_names[j]);
        if (kinds[j] == NULL || !PyLong_CheckExact(kinds[j]))
            goto done;
    }
    v = PyDict_GetItemString(g, "classify_line");
    if (v == NULL || !PyFunction_Check(v))
        goto done;
    Py_XSETREF(exc_suffixes, Py_NewRef(suffixes));
    Py_XSETREF(bare_names, Py_NewRef(bare));
    Py_XSETREF(tb_headers, Py_NewRef(headers));
    for (int j = 0; j < 5; j++)
        Py_XSETREF(kind_values[j + 1], Py_NewRef(kinds[j]));
    classify_py = Py_NewRef(v);
    ok = 1;
done:
    if (!ok)
        PyErr_Clear(); /* off: Python answers */
    Py_XDECREF(bare);
    Py_XDECREF(headers);
}

/* The row, or FALLBACK, or NULL with an exception set (never: errors fall back). Owned refs. */
static PyObject *
fast_row(PyObject *entry, PyObject *index, PyObject *cache)
{
    PyObject *text, *http, *jp = NULL, *pp = NULL, *ts_value, *sev, *message;
    PyObject *ts = NULL, *status = Py_None, *latency = NULL, *endpoint = NULL, *exc = NULL;
    PyObject *path_owned = NULL;
    PyObject *result = FALLBACK;
    PyObject *minutes = NULL, *paths = NULL, *streams = NULL, *names = NULL;
    int t;

    if (!PyDict_CheckExact(entry))
        return FALLBACK;
    text = get(entry, k_textPayload);
    http = get(entry, k_httpRequest);
    if (text == NULL) {
        jp = get(entry, k_jsonPayload);
        pp = get(entry, k_protoPayload);
        if (jp == NULL && pp == NULL && http == NULL) {
            if (PyErr_Occurred())
                return FALLBACK;
            Py_RETURN_NONE;
        }
        if (pp != NULL)
            return FALLBACK;
    }

    /* severity (DEFAULT needs the message-based rules: Python) */
    {
        PyObject *sv = get(entry, k_severity);
        if (sv == NULL || !(PyUnicode_CheckExact(sv) || PyLong_CheckExact(sv)))
            return FALLBACK;
        sev = PyDict_GetItemWithError(severity_table, sv);
        if (sev == NULL || !PyUnicode_CheckExact(sev) || PyUnicode_Compare(sev, s_DEFAULT) == 0)
            return FALLBACK;
    }

    /* timestamp: '2025-09-16T14:59:58.721041Z' with its minute already in the memo */
    ts_value = get(entry, k_timestamp);
    t = truthy(ts_value);
    if (t < 0)
        return FALLBACK;
    if (!t) {
        ts_value = get(entry, k_receiveTimestamp);
        t = truthy(ts_value);
        if (t < 0)
            return FALLBACK;
    }
    if (t) {
        Py_ssize_t n;
        Py_UCS4 c19;
        PyObject *key, *base, *frac;
        if (!PyUnicode_CheckExact(ts_value))
            return FALLBACK;
        n = PyUnicode_GET_LENGTH(ts_value);
        if (n < 20 || PyUnicode_READ_CHAR(ts_value, n - 1) != 'Z' || PyUnicode_READ_CHAR(ts_value, 16) != ':')
            return FALLBACK;
        c19 = PyUnicode_READ_CHAR(ts_value, 19);
        if (c19 != '.' && c19 != 'Z')
            return FALLBACK;
        minutes = PyObject_GetAttr(cache, a_minutes);
        if (minutes == NULL || !PyDict_CheckExact(minutes))
            goto done;
        key = PyUnicode_Substring(ts_value, 0, 16);
        if (key == NULL)
            goto done;
        base = PyDict_GetItemWithError(minutes, key);
        Py_DECREF(key);
        if (base == NULL)
            goto done;
        frac = PyUnicode_Substring(ts_value, 17, n - 1);
        if (frac == NULL)
            goto done;
        {
            PyObject *f = PyFloat_FromString(frac);
            Py_DECREF(frac);
            if (f == NULL)
                goto done;
            ts = PyNumber_Add(base, f);
            Py_DECREF(f);
            if (ts == NULL)
                goto done;
        }
    } else {
        ts = Py_NewRef(Py_None);
    }

    /* message */
    if (text != NULL) {
        if (!PyUnicode_CheckExact(text))
            goto done;
        if (PyUnicode_GET_LENGTH(text) > 0 && PyUnicode_READ_CHAR(text, 0) == '{')
            goto done; /* structured log printed as text */
        message = Py_NewRef(text);
    } else if (jp != NULL) {
        /* _json_message for {"message": "<text>", ...} without error or stack fields */
        PyObject *m;
        if (!PyDict_CheckExact(jp))
            goto done;
        m = get(jp, k_message);
        if (m == NULL || !PyUnicode_CheckExact(m) || PyUnicode_GET_LENGTH(m) == 0)
            goto done;
        if (get(jp, k_error) || get(jp, k_err) || get(jp, k_stack_trace) || get(jp, k_stacktrace)
            || get(jp, k_exc_info) || get(jp, k_traceback) || get(jp, k_stack) || PyErr_Occurred())
            goto done;
        message = Py_NewRef(m);
    } else {
        message = Py_NewRef(s_empty);
    }

    /* request fields */
    endpoint = Py_NewRef(s_empty);
    if (http != NULL) {
        PyObject *st, *lat, *url, *method, *path;
        if (!PyDict_CheckExact(http))
            goto done_msg;
        st = get(http, k_status);
        if (st != NULL && PyLong_CheckExact(st))
            status = st;
        else if (st != NULL && PyUnicode_Check(st))
            goto done_msg; /* "503": Python */
        lat = get(http, k_latency);
        if (lat != NULL) {
            Py_ssize_t n;
            PyObject *s;
            if (!PyUnicode_CheckExact(lat))
                goto done_msg;
            n = PyUnicode_GET_LENGTH(lat);
            if (n > 0 && PyUnicode_READ_CHAR(lat, n - 1) == 's')
                s = PyUnicode_Substring(lat, 0, n - 1);
            else
                s = Py_NewRef(lat);
            if (s == NULL)
                goto done_msg;
            latency = PyFloat_FromString(s);
            Py_DECREF(s);
            if (latency == NULL) {
                if (!PyErr_ExceptionMatches(PyExc_ValueError))
                    goto done_msg;
                PyErr_Clear();
            }
        }
        url = get(http, k_requestUrl);
        if (url != NULL && PyUnicode_CheckExact(url)) {
            paths = PyObject_GetAttr(cache, a_paths);
            if (paths == NULL || !PyDict_CheckExact(paths))
                goto done_msg;
            path = PyDict_GetItemWithError(paths, url);
            if (path == NULL) {
                if (PyErr_Occurred())
                    goto done_msg;
                path_owned = url_path(url); /* a URL not in the memo (ids in paths): not memoised */
                if (path_owned == NULL)
                    goto done_msg;
                path = path_owned;
            }
        } else {
            path = s_slash;
        }
        method = get(http, k_requestMethod);
        t = truthy(method);
        if (t < 0 || (t && !PyUnicode_CheckExact(method)))
            goto done_msg;
        Py_SETREF(endpoint, t ? PyUnicode_FromFormat("%U %U", method, path) : Py_NewRef(path));
        Py_CLEAR(path_owned);
        if (endpoint == NULL)
            goto done_msg;
        if (PyUnicode_GET_LENGTH(message) == 0) {
            /* _request_line(endpoint, status, latency) */
            PyObject *stxt = PyDict_GetItemWithError(status_texts, status);
            PyObject *line;
            if (stxt == NULL || !PyUnicode_CheckExact(stxt))
                goto done_msg;
            if (latency == NULL) {
                line = PyUnicode_FromFormat("%U%U%U", endpoint, s_arrow, stxt);
            } else {
                PyObject *lt = format_latency(PyFloat_AS_DOUBLE(latency));
                if (lt == NULL)
                    goto done_msg;
                line = PyUnicode_FromFormat("%U%U%U (%U)", endpoint, s_arrow, stxt, lt);
                Py_DECREF(lt);
            }
            if (line == NULL)
                goto done_msg;
            Py_SETREF(message, line);
        }
    }

    /* tracebacks and long messages: Python; a "Name: ..." line may name an exception */
    {
        Py_ssize_t n = PyUnicode_GET_LENGTH(message);
        Py_ssize_t sp;
        if (n > max_chars || PyUnicode_FindChar(message, '\n', 0, n, 1) >= 0)
            goto done_msg;
        sp = PyUnicode_FindChar(message, ' ', 0, n, 1);
        if (sp == -2)
            goto done_msg;
        /* `sp < 0 or message[sp - 1] == ":"` (message[-1] when sp is 0) */
        if (sp < 0 || PyUnicode_READ_CHAR(message, sp > 0 ? sp - 1 : n - 1) == ':') {
            exc = classify_py ? name_of(message, 1) : PyObject_CallOneArg(exception_name, message);
            if (exc == NULL)
                goto done_msg;
        } else {
            exc = Py_NewRef(s_empty);
        }
    }

    /* where the entry came from */
    {
        PyObject *service = s_empty, *revision = s_empty, *instance = s_empty, *stream = s_empty;
        PyObject *labels, *res, *log_name, *trace, *tr;
        labels = get(entry, k_labels);
        t = truthy(labels);
        if (t < 0 || (t && !PyDict_CheckExact(labels)))
            goto done_exc;
        if (t) {
            instance = first_str(labels, &k_instanceId, 1);
            if (instance == FALLBACK)
                goto done_exc;
        }
        res = get(entry, k_resource);
        if (res != NULL) {
            PyObject *rl;
            if (!PyDict_CheckExact(res))
                goto done_exc;
            rl = get(res, k_labels);
            t = truthy(rl);
            if (t < 0 || (t && !PyDict_CheckExact(rl)))
                goto done_exc;
            if (t) {
                service = first_str(rl, svc_keys, 6);
                revision = first_str(rl, rev_keys, 2);
                if (service == FALLBACK || revision == FALLBACK)
                    goto done_exc;
                if (PyUnicode_GET_LENGTH(instance) == 0) {
                    instance = first_str(rl, inst_keys, 2);
                    if (instance == FALLBACK)
                        goto done_exc;
                }
            }
        }
        log_name = get(entry, k_logName);
        t = truthy(log_name);
        if (t < 0 || (t && !PyUnicode_CheckExact(log_name)))
            goto done_exc;
        if (t) {
            streams = PyObject_GetAttr(cache, a_streams);
            if (streams == NULL || !PyDict_CheckExact(streams))
                goto done_exc;
            stream = PyDict_GetItemWithError(streams, log_name);
            if (stream == NULL || !PyUnicode_CheckExact(stream))
                goto done_exc;
        }
        if (PyUnicode_GET_LENGTH(service) == 0)
            service = stream;
        trace = get(entry, k_trace);
        t = truthy(trace);
        if (t < 0 || (t && !PyUnicode_CheckExact(trace)))
            goto done_exc;
        if (t) {
            Py_ssize_t n = PyUnicode_GET_LENGTH(trace);
            Py_ssize_t slash = PyUnicode_FindChar(trace, '/', 0, n, -1);
            if (slash == -2)
                goto done_exc;
            tr = slash < 0 ? Py_NewRef(trace) : PyUnicode_Substring(trace, slash + 1, n);
            if (tr == NULL)
                goto done_exc;
        } else {
            tr = Py_NewRef(s_empty);
        }
        names = PyObject_GetAttr(cache, a_names);
        if (names == NULL || !PyDict_CheckExact(names)) {
            Py_DECREF(tr);
            goto done_exc;
        }
        if (PyDict_GET_SIZE(names) >= cache_max)
            PyDict_Clear(names);
        service = PyDict_SetDefault(names, service, service);
        revision = service ? PyDict_SetDefault(names, revision, revision) : NULL;
        instance = revision ? PyDict_SetDefault(names, instance, instance) : NULL;
        if (instance == NULL) {
            Py_DECREF(tr);
            goto done_exc;
        }
        {
            PyObject *extra = PyDict_New();
            PyObject *row;
            if (extra == NULL) {
                Py_DECREF(tr);
                goto done_exc;
            }
            row = PyTuple_New(15);
            if (row == NULL) {
                Py_DECREF(extra);
                Py_DECREF(tr);
                goto done_exc;
            }
            /* (ts, sev, message, service, revision, instance, trace, stream, status, latency,
                endpoint, exc, frames, index, extra) */
            PyTuple_SET_ITEM(row, 0, ts);
            ts = NULL;
            PyTuple_SET_ITEM(row, 1, Py_NewRef(sev));
            PyTuple_SET_ITEM(row, 2, message);
            message = NULL;
            PyTuple_SET_ITEM(row, 3, Py_NewRef(service));
            PyTuple_SET_ITEM(row, 4, Py_NewRef(revision));
            PyTuple_SET_ITEM(row, 5, Py_NewRef(instance));
            PyTuple_SET_ITEM(row, 6, tr);
            PyTuple_SET_ITEM(row, 7, Py_NewRef(stream));
            PyTuple_SET_ITEM(row, 8, Py_NewRef(status));
            PyTuple_SET_ITEM(row, 9, latency ? latency : Py_NewRef(Py_None));
            latency = NULL;
            PyTuple_SET_ITEM(row, 10, endpoint);
            endpoint = NULL;
            PyTuple_SET_ITEM(row, 11, exc);
            exc = NULL;
            PyTuple_SET_ITEM(row, 12, PyTuple_New(0));
            PyTuple_SET_ITEM(row, 13, Py_NewRef(index));
            PyTuple_SET_ITEM(row, 14, extra);
            result = row;
        }
    }

done_exc:
    Py_XDECREF(exc);
done_msg:
    Py_XDECREF(path_owned);
    Py_XDECREF(message);
    Py_XDECREF(endpoint);
    Py_XDECREF(latency);
done:
    Py_XDECREF(ts);
    Py_XDECREF(minutes);
    Py_XDECREF(paths);
    Py_XDECREF(streams);
    Py_XDECREF(names);
    return result;
}

static PyObject *
normalize_row(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *r;
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "normalize_row(entry, index, cache)");
        return NULL;
    }
    if (fallback == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "_fastrow is not configured");
        return NULL;
    }
    r = fast_row(args[0], args[1], args[2]);
    if (r == FALLBACK || r == NULL)
        return call_fallback(args);
    return r;
}

static PyObject *
configure(PyObject *self, PyObject *args)
{
    PyObject *fb, *sev, *st, *exc;
    Py_ssize_t mc, cm, me;
    if (!PyArg_ParseTuple(args, "OO!O!Onnn", &fb, &PyDict_Type, &sev, &PyDict_Type, &st, &exc, &mc, &cm, &me))
        return NULL;
    max_endpoint = me;
    Py_XSETREF(fallback, Py_NewRef(fb));
    Py_XSETREF(severity_table, Py_NewRef(sev));
    Py_XSETREF(status_texts, Py_NewRef(st));
    Py_XSETREF(exception_name, Py_NewRef(exc));
    max_chars = mc;
    cache_max = cm;
    read_traceback_rules(exc);
    Py_RETURN_NONE;
}

/* exception_name(line, strict=True): the C twin for a str line and a bool strict, else Python */
static PyObject *
exception_name_c(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs < 1 || nargs > 2) {
        PyErr_SetString(PyExc_TypeError, "exception_name(line, strict=True)");
        return NULL;
    }
    if (exception_name == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "_fastrow is not configured");
        return NULL;
    }
    if (classify_py == NULL || !PyUnicode_CheckExact(args[0]) || (nargs == 2 && !PyBool_Check(args[1])))
        return PyObject_Vectorcall(exception_name, args, nargs, NULL);
    return name_of(args[0], nargs == 1 || args[1] == Py_True);
}

/* classify_line(msg, exception=""): the C twin for str arguments, else Python */
static PyObject *
classify_line_c(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs < 1 || nargs > 2) {
        PyErr_SetString(PyExc_TypeError, "classify_line(msg, exception='')");
        return NULL;
    }
    if (classify_py == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "_fastrow is not configured or could not read the traceback rules");
        return NULL;
    }
    if (nargs == 1)
        return classify_row(classify_py, args[0], s_empty);
    return classify_row(classify_py, args[0], args[1]);
}

/* The rules the C twins use, as read from rca.sources.tracebacks, or None when they are off. */
static PyObject *
traceback_rules(PyObject *self, PyObject *unused)
{
    if (classify_py == NULL)
        Py_RETURN_NONE;
    return Py_BuildValue("(OO(OOOOO)O)", exc_suffixes, bare_names, kind_values[1], kind_values[2],
                         kind_values[3], kind_values[4], kind_values[5], tb_headers);
}

/* ------------------------------------------------------------------------- a worker's rows */

static PyObject *k_not_object, *k_malformed, *k_no_payload, *k_truncated_chars, *s_space;

static int
count(PyObject *d, PyObject *key)
{
    PyObject *c = PyDict_GetItemWithError(d, key), *c1;
    int rc;
    if (c == NULL && PyErr_Occurred())
        return -1;
    c1 = c == NULL ? PyLong_FromLong(1) : PyNumber_Add(c, _one);
    if (c1 == NULL)
        return -1;
    rc = PyDict_SetItem(d, key, c1);
    Py_DECREF(c1);
    return rc;
}

/* rca.sources.reader.segment_rows_py (see there): a worker's rows of one decoded piece: rows of the
 * LogRecord fields (an empty `extra` replaced by the shared `no_extra`) plus the masked message
 * (one object per distinct text, through `interned`), the traceback kind of each row, and the
 * counts of skipped entries, severities, entries without a time and truncated messages. */
static PyObject *
segment_rows(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *values, *cache, *masked_fn, *classify, *max_tokens, *no_extra, *rows, *kinds, *skipped, *severities,
        *truncations, *interned;
    long long i, position_mask, no_ts = 0;
    Py_ssize_t n;
    if (nargs != 14) {
        PyErr_SetString(PyExc_TypeError, "segment_rows() takes 14 arguments");
        return NULL;
    }
    values = args[0];
    i = PyLong_AsLongLong(args[1]);
    cache = args[2];
    masked_fn = args[3];
    classify = args[4];
    max_tokens = args[5];
    no_extra = args[6];
    rows = args[7];
    kinds = args[8];
    skipped = args[9];
    severities = args[10];
    truncations = args[11];
    interned = args[12];
    position_mask = PyLong_AsLongLong(args[13]);
    if (PyErr_Occurred())
        return NULL;
    if (!PyList_CheckExact(values) || !PyList_CheckExact(rows) || !PyList_CheckExact(kinds)
        || !PyDict_CheckExact(skipped) || !PyDict_CheckExact(severities) || !PyList_CheckExact(truncations)
        || !PyDict_CheckExact(interned)) {
        PyErr_SetString(PyExc_TypeError, "segment_rows: unexpected argument types");
        return NULL;
    }
    n = PyList_GET_SIZE(values);
    for (Py_ssize_t v = 0; v < n; v++) {
        PyObject *value = PyList_GET_ITEM(values, v), *index, *row, *call[3], *msg, *extra, *kind, *masked,
            *m, *out;
        i++;
        if (!PyDict_CheckExact(value)) {
            if (count(skipped, k_not_object) < 0)
                return NULL;
            continue;
        }
        index = PyLong_FromLongLong(i);
        if (index == NULL)
            return NULL;
        call[0] = value;
        call[1] = index;
        call[2] = cache;
        row = fast_row(value, index, cache);
        if (row == FALLBACK || row == NULL)
            row = call_fallback(call);
        Py_DECREF(index);
        if (row == NULL) {
            if (!(PyErr_ExceptionMatches(PyExc_TypeError) || PyErr_ExceptionMatches(PyExc_AttributeError)
                  || PyErr_ExceptionMatches(PyExc_ValueError) || PyErr_ExceptionMatches(PyExc_KeyError)
                  || PyErr_ExceptionMatches(PyExc_OverflowError)))
                return NULL;
            PyErr_Clear();
            if (count(skipped, k_malformed) < 0)
                return NULL;
            continue;
        }
        if (row == Py_None) {
            Py_DECREF(row);
            if (count(skipped, k_no_payload) < 0)
                return NULL;
            continue;
        }
        if (!PyTuple_CheckExact(row) || PyTuple_GET_SIZE(row) != 15) {
            Py_DECREF(row);
            PyErr_SetString(PyExc_TypeError, "normalize_row returned something other than a row");
            return NULL;
        }
        if (PyTuple_GET_ITEM(row, 0) == Py_None)
            no_ts++;
        if (count(severities, PyTuple_GET_ITEM(row, 1)) < 0)
            goto fail_row;
        extra = PyTuple_GET_ITEM(row, 14);
        if (PyDict_Check(extra) && PyDict_GET_SIZE(extra) > 0) {
            PyObject *tc = PyDict_GetItemWithError(extra, k_truncated_chars);
            if (tc != NULL) {
                PyObject *t = Py_BuildValue("(LO)", i & position_mask, tc);
                if (t == NULL || PyList_Append(truncations, t) < 0) {
                    Py_XDECREF(t);
                    goto fail_row;
                }
                Py_DECREF(t);
            } else if (PyErr_Occurred()) {
                goto fail_row;
            }
        } else {
            extra = no_extra;
        }
        msg = PyTuple_GET_ITEM(row, 2);
        {
            PyObject *frames = PyTuple_GET_ITEM(row, 12);
            int has_frames = PyObject_IsTrue(frames);
            if (has_frames < 0)
                goto fail_row;
            kind = has_frames ? Py_NewRef(kind_values[K_NONE]) : classify_row(classify, msg, PyTuple_GET_ITEM(row, 11));
            if (kind == NULL || PyList_Append(kinds, kind) < 0) {
                Py_XDECREF(kind);
                goto fail_row;
            }
            Py_DECREF(kind);
        }
        masked = PyObject_CallFunctionObjArgs(masked_fn, msg, max_tokens, NULL);
        if (masked == NULL)
            goto fail_row;
        if (!PyUnicode_CheckExact(masked)) {
            Py_DECREF(masked);
            PyErr_SetString(PyExc_TypeError, "masked() did not return a str");
            goto fail_row;
        }
        m = PyDict_SetDefault(interned, masked, masked);
        Py_DECREF(masked);
        if (m == NULL)
            goto fail_row;
        out = PyTuple_New(16);
        if (out == NULL)
            goto fail_row;
        for (int f = 0; f < 14; f++)
            PyTuple_SET_ITEM(out, f, Py_NewRef(PyTuple_GET_ITEM(row, f)));
        PyTuple_SET_ITEM(out, 14, Py_NewRef(extra));
        PyTuple_SET_ITEM(out, 15, Py_NewRef(m));
        Py_DECREF(row);
        if (PyList_Append(rows, out) < 0) {
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(out);
        continue;
    fail_row:
        Py_DECREF(row);
        return NULL;
    }
    return Py_BuildValue("(LL)", i, no_ts);
}

/* ------------------------------------------------------------------------------------------
 * RowStitcher.feed in C (rca.sources.tracebacks): its loop, and its buffer flushes (sorting a
 * buffer's lines, then `_segment`'s state machine). The Python `RowStitcher.feed` / `_flush` stay
 * the reference (tracebacks._feed_py; RCA_PURE_PYTHON=1 runs them) and tests compare the two:
 * the output and the whole stitcher state after every call, on every incident and on random
 * streams run with tiny limits.
 *
 * The state stays in the Python objects (stitcher.open_bufs, a dict of tracebacks._Buffer with
 * lines / tmin / tmax; last_ts, backwards, since_sweep), read at the start of a call and written
 * back at its end (also when it fails, like the Python loop's `finally`), so C and Python can take
 * turns on one stream. Folding a traceback is done here (fold_c, below: `_fold` with parse_traceback
 * in C) for the groups it can fold exactly. What stays in Python: `_fold` for the other groups (looked
 * up in the module at each call) and `on_fold`, both called from here exactly where and in the order
 * the Python code calls them; a call whose arguments or state are not the common shapes (rows and
 * kinds not in a list or tuple, a stitcher subclass, counters that are not ints...:
 * the Python feed gets the call); the rows from the first one that is not a tuple of the row's
 * length, or whose kind is not an int (the Python feed goes on from there, from the state reached);
 * a flush whose buffer holds a time that is not a float or None, a NaN, or an odd line (the Python
 * `_flush` gets that buffer). Feeding a stream in two calls gives what one call gives, which is
 * what makes these hand-overs exact.
 *
 * The rules that are numbers (line kinds, row field positions, the sweep interval, the key of a
 * folded row's extra) are read from the module by `stitch_configure`; the limits (STITCH_GAP_S,
 * MAX_OPEN_BUFFERS, MAX_TRACEBACK_LINES) at every call, so a change there (or a test's
 * monkeypatch) applies to both. Only the row shape of the on_fold test, `len(r) == 15 and r[14]`,
 * is written here as in the Python code (ROW_FIELDS, EXTRA_FIELD). */

#define ROW_FIELDS 15 /* len(r) == 15 and r[14] and _STITCHED in r[14]: a folded row, for on_fold */
#define EXTRA_FIELD 14

static PyObject *st_globals;       /* tracebacks.__dict__: limits and _fold, read at each call */
static PyTypeObject *stitcher_type; /* tracebacks.RowStitcher (the C loop takes exactly this type) */
static PyTypeObject *buffer_type;  /* tracebacks._Buffer */
static PyObject *feed_py;          /* tracebacks._feed_py, the reference: gets the calls not handled here */
static PyObject *s_stitched;       /* tracebacks._STITCHED */
static long k_tb, k_frame, k_chain, k_exc; /* TB_START, FRAME, CHAIN, EXC (CODE: any other kind) */
static Py_ssize_t f_ts, f_svc, f_inst, f_stream, f_idx, f_min_len; /* _TS, _SVC, ... in a row */
static Py_ssize_t sweep_every;     /* tracebacks._SWEEP_EVERY */
static int stitch_ready;
static PyObject *a_open_bufs, *a_last_ts, *a_backwards, *a_since_sweep, *a_on_fold, *a_flush, *a_fold,
    *a_gap, *a_max_open, *a_max_lines;
/* _Buffer's slots: read and written in place for an exact _Buffer (attributes otherwise) */
enum { B_LINES, B_TMIN, B_TMAX };
static PyObject *buf_names[3];
static Py_ssize_t buf_offsets[3];

static inline PyObject *
buf_get(PyObject *b, int f) /* b.<field>, new reference */
{
    if (Py_IS_TYPE(b, buffer_type)) {
        PyObject *v = *(PyObject **)((char *)b + buf_offsets[f]);
        if (v != NULL)
            return Py_NewRef(v);
    }
    return PyObject_GetAttr(b, buf_names[f]);
}

static inline int
buf_set(PyObject *b, int f, PyObject *v)
{
    if (Py_IS_TYPE(b, buffer_type)) {
        PyObject **p = (PyObject **)((char *)b + buf_offsets[f]);
        Py_XSETREF(*p, Py_NewRef(v));
        return 0;
    }
    return PyObject_SetAttr(b, buf_names[f], v);
}

/* `a < b` (op Py_LT) or `a > b` (Py_GT) for timestamps: 1, 0, or -1 with an exception */
static inline int
ts_cmp(PyObject *a, PyObject *b, int op)
{
    if (PyFloat_CheckExact(a) && PyFloat_CheckExact(b)) {
        double x = PyFloat_AS_DOUBLE(a), y = PyFloat_AS_DOUBLE(b);
        return op == Py_LT ? x < y : x > y;
    }
    return PyObject_RichCompareBool(a, b, op);
}

/* ts < tmin - gap or ts > tmax + gap */
static int
outside_span(PyObject *ts, PyObject *tmin, PyObject *tmax, PyObject *gap)
{
    PyObject *lim;
    int r;
    if (PyFloat_CheckExact(ts) && PyFloat_CheckExact(tmin) && PyFloat_CheckExact(tmax) && PyFloat_CheckExact(gap)) {
        double t = PyFloat_AS_DOUBLE(ts), g = PyFloat_AS_DOUBLE(gap);
        return t < PyFloat_AS_DOUBLE(tmin) - g || t > PyFloat_AS_DOUBLE(tmax) + g;
    }
    if ((lim = PyNumber_Subtract(tmin, gap)) == NULL)
        return -1;
    r = PyObject_RichCompareBool(ts, lim, Py_LT);
    Py_DECREF(lim);
    if (r != 0)
        return r;
    if ((lim = PyNumber_Add(tmax, gap)) == NULL)
        return -1;
    r = PyObject_RichCompareBool(ts, lim, Py_GT);
    Py_DECREF(lim);
    return r;
}

/* b.tmin is not None and (ts < b.tmin - gap or ts > b.tmax + gap) */
static int
buffer_past(PyObject *b, PyObject *ts, PyObject *gap)
{
    PyObject *tmin = buf_get(b, B_TMIN), *tmax;
    int r;
    if (tmin == NULL)
        return -1;
    if (tmin == Py_None) {
        Py_DECREF(tmin);
        return 0;
    }
    tmax = buf_get(b, B_TMAX);
    r = tmax == NULL ? -1 : outside_span(ts, tmin, tmax, gap);
    Py_DECREF(tmin);
    Py_XDECREF(tmax);
    return r;
}

/* One call's state: the stitcher's, taken out of it (and written back at the end). */
typedef struct {
    PyObject *st, *open_bufs, *out, *fold; /* fold: tracebacks._fold */
    Py_ssize_t backwards;
    int cfold; /* fold_usable(fold), asked at the call's first fold (-1: not yet) */
} Stitch;

/* len(r) == 15 and r[14] and _STITCHED in r[14]: 1, 0, or -1 with an exception */
static int
folded_row(PyObject *r)
{
    PyObject *x;
    Py_ssize_t n;
    int t;
    if (PyTuple_CheckExact(r)) {
        if (PyTuple_GET_SIZE(r) != ROW_FIELDS)
            return 0;
        x = Py_NewRef(PyTuple_GET_ITEM(r, EXTRA_FIELD));
    } else {
        PyObject *i;
        if ((n = PyObject_Size(r)) < 0)
            return -1;
        if (n != ROW_FIELDS)
            return 0;
        if ((i = PyLong_FromLong(EXTRA_FIELD)) == NULL)
            return -1;
        x = PyObject_GetItem(r, i);
        Py_DECREF(i);
        if (x == NULL)
            return -1;
    }
    if (PyDict_CheckExact(x))
        t = PyDict_GET_SIZE(x) == 0 ? 0 : PyDict_Contains(x, s_stitched);
    else if ((t = PyObject_IsTrue(x)) > 0)
        t = PySequence_Contains(x, s_stitched);
    Py_DECREF(x);
    return t;
}

/* The Python `stitcher._flush(key, out)` (which reads stitcher.backwards: written first). */
static int
flush_py(Stitch *s, PyObject *key)
{
    PyObject *b = PyLong_FromSsize_t(s->backwards), *r;
    if (b == NULL || PyObject_SetAttr(s->st, a_backwards, b) < 0) {
        Py_XDECREF(b);
        return -1;
    }
    Py_DECREF(b);
    r = PyObject_CallMethodObjArgs(s->st, a_flush, key, s->out, NULL);
    if (r == NULL)
        return -1;
    Py_DECREF(r);
    return 0;
}

/* ------------------------------------------------------------------------------------------
 * tracebacks._fold in C, with parse_traceback: the flush's folds (one per traceback, ~10 µs each in
 * Python) are done here when they can be done exactly. `_fold` stays the reference and gets every
 * group this does not handle: a row that is not an exact tuple long enough, a message or severity
 * that is not an exact str, a trace that is neither an exact str nor None, an index that is not an
 * exact int, a SEVERITY_RANK value that is not an int fitting a long long. It also gets every group
 * while `_fold`, or any global it reads (the functions it calls, SEVERITY_RANK, MAX_MESSAGE_CHARS, the
 * header sentences, the row positions...), is not the object `fold_configure` read (a test's
 * monkeypatch, an edit), or while the C twins of exception_name are off or configured with another
 * function: `fold_usable` checks this before a call's first fold.
 *
 * The rules that are data are read from the module by `fold_configure`: the row positions, the limits
 * (MAX_MESSAGE_CHARS, _EXC_LINE_CHARS, _EXC_TYPE_CHARS), the texts (_TRUNC_MARK, _CHAIN_SEP, _CHAIN_KEY,
 * _STITCHED, the three header sentences) and SEVERITY_RANK (the dict itself, looked up at each fold).
 * Written here as in the Python code: "\n" between the lines, ":" after a type name, str.strip()'s
 * whitespace (Py_UNICODE_ISSPACE, which it uses), and the layout of the folded row (the tuple literal
 * at the end of _fold: ROW_FIELDS items). The exception names are the C twin's (name_length_in), the
 * frame lines the C _FRAME_RE's (is_frame). */
enum { FX_TS, FX_SEV, FX_MSG, FX_SVC, FX_REV, FX_INST, FX_TRACE, FX_STREAM, FX_IDX, FX_N };
enum { FG_FOLD = FX_N, FG_PARSE, FG_EXC_NAME, FG_RANK, FG_MAX_CHARS, FG_LINE_CHARS, FG_TYPE_CHARS, FG_TRUNC,
       FG_CHAIN_SEP, FG_CHAIN_KEY, FG_STITCHED, FG_HEADER, FG_DIRECT, FG_DURING, FG_FRAME_RE, FG_NAME_RE,
       FG_SUFFIXES, FG_BARE, FG_N };
static const char *fold_names[FG_N] = {
    "_TS", "_SEV", "_MSG", "_SVC", "_REV", "_INST", "_TRACE", "_STREAM", "_IDX", /* FX_ order */
    "_fold", "parse_traceback", "exception_name", "SEVERITY_RANK", "MAX_MESSAGE_CHARS", "_EXC_LINE_CHARS",
    "_EXC_TYPE_CHARS", "_TRUNC_MARK", "_CHAIN_SEP", "_CHAIN_KEY", "_STITCHED", "TRACEBACK_HEADER",
    "_CHAIN_DIRECT", "_CHAIN_DURING", "_FRAME_RE", "_NAME_RE", "_EXC_SUFFIXES", "_BARE_EXCEPTIONS",
};
static PyObject *fold_keys[FG_N];   /* those names, interned */
static PyObject *fold_values[FG_N]; /* their values when configured, compared by identity before folding */
static PyObject *fold_globals;      /* the module's globals */
static Py_ssize_t fx[FX_N], fold_min_len; /* the row positions (FX_); a row has more items than each */
static Py_ssize_t fold_limits[3];   /* MAX_MESSAGE_CHARS, _EXC_LINE_CHARS, _EXC_TYPE_CHARS */
static PyObject *s_newline;
static int fold_ready;

#define FIELD(row, f) PyTuple_GET_ITEM(row, fx[f])

/* 1 when the C fold stands for `fold` (the module's _fold now) and the module is as configured; 0 when
 * the Python _fold must be called. Never fails. */
static int
fold_usable(PyObject *fold)
{
    if (!fold_ready || fold != fold_values[FG_FOLD] || classify_py == NULL
        || exception_name != fold_values[FG_EXC_NAME] || exc_suffixes != fold_values[FG_SUFFIXES])
        return 0;
    for (int j = 0; j < FG_N; j++) {
        if (PyDict_GetItemWithError(fold_globals, fold_keys[j]) != fold_values[j]) {
            PyErr_Clear();
            return 0;
        }
    }
    return 1;
}

/* SEVERITY_RANK.get(sev, 0) for an exact str: 1 with *rank set, 0 when it is not an int fitting a long
 * long (the Python _fold then), -1 with an exception set */
static int
severity_rank(PyObject *sev, long long *rank)
{
    PyObject *v = PyDict_GetItemWithError(fold_values[FG_RANK], sev);
    int overflow;
    if (v == NULL) {
        *rank = 0;
        return PyErr_Occurred() ? -1 : 1;
    }
    if (!PyLong_CheckExact(v))
        return 0;
    *rank = PyLong_AsLongLongAndOverflow(v, &overflow);
    return overflow == 0;
}

/* data[a:b].startswith(prefix), for a str prefix */
static inline int
slice_starts(int kind, const void *data, Py_ssize_t a, Py_ssize_t b, PyObject *prefix)
{
    return PyUnicode_GET_LENGTH(prefix) <= b - a && same_chars(kind, data, a, prefix);
}

/* list.append(line[a:b]) */
static int
append_slice(PyObject *list, PyObject *line, Py_ssize_t a, Py_ssize_t b)
{
    PyObject *s = PyUnicode_Substring(line, a, b);
    int r;
    if (s == NULL)
        return -1;
    r = PyList_Append(list, s);
    Py_DECREF(s);
    return r;
}

/* parse_traceback over the messages of the rows of `group` (checked exact str): frames (a list) and
 * chain filled; 0, or -1 with an exception set */
static int
parse_lines(PyObject *group, PyObject *frames, PyObject *chain)
{
    PyObject *last_exc = NULL; /* last_exc_line; NULL: "" */
    int in_tb = 0;
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(group); j++) {
        PyObject *line = FIELD(PyList_GET_ITEM(group, j), FX_MSG);
        Py_ssize_t n = PyUnicode_GET_LENGTH(line), a = 0, b = n, k;
        int kind = PyUnicode_KIND(line);
        const void *data = PyUnicode_DATA(line);
        Py_UCS4 c;
        /* s = line.strip() is line[a:b] */
        while (a < b && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, a)))
            a++;
        while (b > a && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, b - 1)))
            b--;
        if (a == b)
            continue;
        if (slice_starts(kind, data, a, b, fold_values[FG_HEADER])) {
            in_tb = 1;
            continue;
        }
        if (slice_starts(kind, data, a, b, fold_values[FG_DIRECT])
            || slice_starts(kind, data, a, b, fold_values[FG_DURING])) {
            if (last_exc != NULL && PyUnicode_GET_LENGTH(last_exc) > 0 && PyList_Append(frames, last_exc) < 0)
                goto fail;
            if (append_slice(frames, line, a, b) < 0)
                goto fail;
            in_tb = 0;
            continue;
        }
        c = PyUnicode_READ(kind, data, 0);
        if (c == ' ' || c == '\t') {
            if (is_frame(kind, data, n)) {
                if (append_slice(frames, line, a, b) < 0)
                    goto fail;
                in_tb = 1; /* also when the header was lost */
            }
            continue; /* code and caret lines */
        }
        if (!in_tb)
            continue;
        /* the exception line: exception_name(s, strict=False) or s.split(":", 1)[0][:_EXC_TYPE_CHARS] */
        k = name_length_in(kind, (const char *)data + a * kind, b - a, 0);
        if (k == 0) {
            Py_ssize_t colon = PyUnicode_FindChar(line, ':', a, b, 1);
            if (colon == -2)
                goto fail;
            k = (colon < 0 ? b : colon) - a;
            if (k > fold_limits[2])
                k = fold_limits[2];
        }
        if (append_slice(chain, line, a, a + k) < 0)
            goto fail;
        Py_XSETREF(last_exc, PyUnicode_Substring(line, a, b - a > fold_limits[1] ? a + fold_limits[1] : b));
        if (last_exc == NULL)
            goto fail;
        in_tb = 0;
    }
    Py_XDECREF(last_exc);
    return 0;
fail:
    Py_XDECREF(last_exc);
    return -1;
}

/* tracebacks._fold(group) for an exact list, in C: the folded row (new reference), FALLBACK when the
 * Python _fold must do it, or NULL with an exception set. Call only when fold_usable. */
static PyObject *
fold_c(PyObject *group)
{
    Py_ssize_t n = PyList_GET_SIZE(group), j;
    PyObject *first, *ts = Py_None, *trace = s_empty, *sev, *index, *exc, *row;
    PyObject *text = NULL, *frames = NULL, *chain = NULL, *tuple = NULL, *extra = NULL, *v = NULL, *res = NULL;
    long long rank, rr;
    int r;

    if (n == 0)
        return FALLBACK;
    for (j = 0; j < n; j++) { /* what Python reads of each row, of the types handled here */
        row = PyList_GET_ITEM(group, j);
        if (!PyTuple_CheckExact(row) || PyTuple_GET_SIZE(row) < fold_min_len
            || !PyUnicode_CheckExact(FIELD(row, FX_MSG)) || !PyUnicode_CheckExact(FIELD(row, FX_SEV))
            || !PyLong_CheckExact(FIELD(row, FX_IDX))
            || !(FIELD(row, FX_TRACE) == Py_None || PyUnicode_CheckExact(FIELD(row, FX_TRACE))))
            return FALLBACK;
    }
    /* the first time and trace, the highest severity (the first of that rank), the lowest index */
    first = PyList_GET_ITEM(group, 0);
    sev = FIELD(first, FX_SEV);
    index = FIELD(first, FX_IDX);
    if ((r = severity_rank(sev, &rank)) <= 0)
        return r < 0 ? NULL : FALLBACK;
    for (j = 0; j < n; j++) {
        row = PyList_GET_ITEM(group, j);
        if (ts == Py_None)
            ts = FIELD(row, FX_TS);
        if (PyUnicode_GET_LENGTH(trace) == 0 && FIELD(row, FX_TRACE) != Py_None)
            trace = FIELD(row, FX_TRACE);
        if ((r = severity_rank(FIELD(row, FX_SEV), &rr)) <= 0)
            return r < 0 ? NULL : FALLBACK;
        if (rr > rank) {
            rank = rr;
            sev = FIELD(row, FX_SEV);
        }
        if ((r = PyObject_RichCompareBool(FIELD(row, FX_IDX), index, Py_LT)) < 0)
            return NULL;
        if (r)
            index = FIELD(row, FX_IDX);
    }
    if ((frames = PyList_New(0)) == NULL || (chain = PyList_New(0)) == NULL || parse_lines(group, frames, chain) < 0)
        goto done;
    /* text = "\n".join(lines), cut at MAX_MESSAGE_CHARS */
    if (n == 1) {
        text = Py_NewRef(FIELD(first, FX_MSG));
    } else {
        PyObject *lines = PyList_New(n);
        if (lines == NULL)
            goto done;
        for (j = 0; j < n; j++)
            PyList_SET_ITEM(lines, j, Py_NewRef(FIELD(PyList_GET_ITEM(group, j), FX_MSG)));
        text = PyUnicode_Join(s_newline, lines);
        Py_DECREF(lines);
        if (text == NULL)
            goto done;
    }
    if (PyUnicode_GET_LENGTH(text) > fold_limits[0]) {
        if ((v = PyUnicode_Substring(text, 0, fold_limits[0])) == NULL)
            goto done;
        Py_SETREF(text, PyUnicode_Concat(v, fold_values[FG_TRUNC]));
        Py_CLEAR(v);
        if (text == NULL)
            goto done;
    }
    /* extra = {_STITCHED: str(len(group))}, then the chain when there is one */
    if ((extra = PyDict_New()) == NULL || (v = PyUnicode_FromFormat("%zd", n)) == NULL
        || PyDict_SetItem(extra, fold_values[FG_STITCHED], v) < 0)
        goto done;
    Py_CLEAR(v);
    if (PyList_GET_SIZE(chain) > 1) {
        if ((v = PyUnicode_Join(fold_values[FG_CHAIN_SEP], chain)) == NULL
            || PyDict_SetItem(extra, fold_values[FG_CHAIN_KEY], v) < 0)
            goto done;
        Py_CLEAR(v);
    }
    exc = PyList_GET_SIZE(chain) > 0 ? PyList_GET_ITEM(chain, PyList_GET_SIZE(chain) - 1) : s_empty;
    if ((tuple = PyList_AsTuple(frames)) == NULL || (res = PyTuple_New(ROW_FIELDS)) == NULL)
        goto done;
    /* (ts, sev, text, first[_SVC], first[_REV], first[_INST], trace, first[_STREAM],
     *  None, None, "", exc, frames, index, extra) */
    PyTuple_SET_ITEM(res, 0, Py_NewRef(ts));
    PyTuple_SET_ITEM(res, 1, Py_NewRef(sev));
    PyTuple_SET_ITEM(res, 2, Py_NewRef(text));
    PyTuple_SET_ITEM(res, 3, Py_NewRef(FIELD(first, FX_SVC)));
    PyTuple_SET_ITEM(res, 4, Py_NewRef(FIELD(first, FX_REV)));
    PyTuple_SET_ITEM(res, 5, Py_NewRef(FIELD(first, FX_INST)));
    PyTuple_SET_ITEM(res, 6, Py_NewRef(trace));
    PyTuple_SET_ITEM(res, 7, Py_NewRef(FIELD(first, FX_STREAM)));
    PyTuple_SET_ITEM(res, 8, Py_NewRef(Py_None));
    PyTuple_SET_ITEM(res, 9, Py_NewRef(Py_None));
    PyTuple_SET_ITEM(res, 10, Py_NewRef(s_empty));
    PyTuple_SET_ITEM(res, 11, Py_NewRef(exc));
    PyTuple_SET_ITEM(res, 12, Py_NewRef(tuple));
    PyTuple_SET_ITEM(res, 13, Py_NewRef(index));
    PyTuple_SET_ITEM(res, EXTRA_FIELD, Py_NewRef(extra));
done:
    Py_XDECREF(v);
    Py_XDECREF(text);
    Py_XDECREF(frames);
    Py_XDECREF(chain);
    Py_XDECREF(tuple);
    Py_XDECREF(extra);
    return res;
}

/* a non-negative int fitting a Py_ssize_t */
static int
size_value(PyObject *o, Py_ssize_t *v)
{
    if (!PyLong_CheckExact(o))
        return 0;
    *v = PyLong_AsSsize_t(o);
    if (*v == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        return 0;
    }
    return *v >= 0;
}

/* fold_configure(tracebacks.__dict__) -> None when the C fold is ready, else why not (a str); the C
 * loop then calls the Python _fold for every group. */
static PyObject *
fold_configure(PyObject *self, PyObject *g)
{
    static const int texts[] = {FG_TRUNC, FG_CHAIN_SEP, FG_CHAIN_KEY, FG_STITCHED, FG_HEADER, FG_DIRECT, FG_DURING};
    static const int functions[] = {FG_FOLD, FG_PARSE, FG_EXC_NAME};
    PyObject *vals[FG_N], *v;
    Py_ssize_t pos[FX_N], limits[3], min_len = 0;
    const char *why = NULL;
    int j;

    if (!PyDict_Check(g)) {
        PyErr_SetString(PyExc_TypeError, "fold_configure(module globals)");
        return NULL;
    }
    fold_ready = 0;
    if (s_newline == NULL && (s_newline = PyUnicode_InternFromString("\n")) == NULL)
        return NULL;
    for (j = 0; j < FG_N; j++) {
        if (fold_keys[j] == NULL && (fold_keys[j] = PyUnicode_InternFromString(fold_names[j])) == NULL)
            return NULL;
        if ((vals[j] = PyDict_GetItemWithError(g, fold_keys[j])) == NULL) {
            if (PyErr_Occurred())
                return NULL;
            why = fold_names[j];
            goto off;
        }
    }
    for (j = 0; j < FX_N; j++) {
        if (!size_value(vals[j], &pos[j])) {
            why = fold_names[j];
            goto off;
        }
        if (pos[j] + 1 > min_len)
            min_len = pos[j] + 1;
    }
    for (j = 0; j < 3; j++) {
        if (!size_value(vals[FG_MAX_CHARS + j], &limits[j])) {
            why = fold_names[FG_MAX_CHARS + j];
            goto off;
        }
    }
    for (j = 0; j < (int)(sizeof(texts) / sizeof(texts[0])); j++) {
        if (!PyUnicode_CheckExact(vals[texts[j]])) {
            why = fold_names[texts[j]];
            goto off;
        }
    }
    for (j = 0; j < (int)(sizeof(functions) / sizeof(functions[0])); j++) {
        v = vals[functions[j]];
        if (!PyFunction_Check(v) || PyFunction_GET_GLOBALS(v) != g) {
            why = fold_names[functions[j]];
            goto off;
        }
    }
    if (!PyDict_CheckExact(vals[FG_RANK])) {
        why = "SEVERITY_RANK is not a dict";
        goto off;
    }
    if (!pattern_is(vals[FG_FRAME_RE], FRAME_PATTERN) || !pattern_is(vals[FG_NAME_RE], NAME_PATTERN)) {
        PyErr_Clear();
        why = "_FRAME_RE or _NAME_RE is not the pattern coded here";
        goto off;
    }
    if (!PyTuple_CheckExact(vals[FG_SUFFIXES]) || !PyFrozenSet_CheckExact(vals[FG_BARE])) {
        why = "_EXC_SUFFIXES or _BARE_EXCEPTIONS";
        goto off;
    }
    Py_XSETREF(fold_globals, Py_NewRef(g));
    for (j = 0; j < FG_N; j++)
        Py_XSETREF(fold_values[j], Py_NewRef(vals[j]));
    for (j = 0; j < FX_N; j++)
        fx[j] = pos[j];
    for (j = 0; j < 3; j++)
        fold_limits[j] = limits[j];
    fold_min_len = min_len;
    fold_ready = 1;
    Py_RETURN_NONE;
off:
    return PyUnicode_FromString(why);
}

/* fold(group, fallback=True): tracebacks._fold(group) as the C loop folds: in C when it can, else the
 * module's _fold; with fallback false, None instead of calling it (for tests). */
static PyObject *
fold_test(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *fold, *row = FALLBACK;
    int fallback = 1;
    if (nargs < 1 || nargs > 2) {
        PyErr_SetString(PyExc_TypeError, "fold(group, fallback=True)");
        return NULL;
    }
    if (fold_globals == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "_fastrow.fold_configure was not called");
        return NULL;
    }
    if (nargs == 2 && (fallback = PyObject_IsTrue(args[1])) < 0)
        return NULL;
    if ((fold = PyDict_GetItemWithError(fold_globals, fold_keys[FG_FOLD])) == NULL) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_RuntimeError, "the module has no _fold");
        return NULL;
    }
    Py_INCREF(fold);
    if (PyList_CheckExact(args[0]) && fold_usable(fold))
        row = fold_c(args[0]);
    if (row == FALLBACK)
        row = fallback ? PyObject_CallOneArg(fold, args[0]) : Py_NewRef(Py_None);
    Py_DECREF(fold);
    return row;
}

/* _fold(group) for a flush: in C when it can be (see above), else the Python _fold (s->fold) */
static PyObject *
fold_rows(Stitch *s, PyObject *group)
{
    if (s->cfold < 0)
        s->cfold = fold_usable(s->fold);
    if (s->cfold) {
        PyObject *row = fold_c(group);
        if (row != FALLBACK)
            return row;
    }
    return PyObject_CallOneArg(s->fold, group);
}

/* A buffer's line, for sorting by (ts or -inf, sign * index), then position (list.sort is stable). */
typedef struct {
    double t;
    long long s;
    Py_ssize_t pos;
    long kind;
    PyObject *row; /* borrowed from the buffer's lines, which the flush holds */
} Line;

static int
line_order(const void *pa, const void *pb)
{
    const Line *a = pa, *b = pb;
    if (a->t != b->t)
        return a->t < b->t ? -1 : 1;
    if (a->s != b->s)
        return a->s < b->s ? -1 : 1;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* _segment's close(): the group lines[a:b] as one folded row (_fold) when it has frames, else as they are */
static int
close_group(Stitch *s, Line *lines, Py_ssize_t a, Py_ssize_t b, int has_frames, PyObject *res)
{
    PyObject *group, *row;
    int r;
    if (!has_frames) {
        for (Py_ssize_t j = a; j < b; j++)
            if (PyList_Append(res, lines[j].row) < 0)
                return -1;
        return 0;
    }
    if ((group = PyList_New(b - a)) == NULL)
        return -1;
    for (Py_ssize_t j = a; j < b; j++)
        PyList_SET_ITEM(group, j - a, Py_NewRef(lines[j].row));
    row = fold_rows(s, group);
    Py_DECREF(group);
    if (row == NULL)
        return -1;
    r = PyList_Append(res, row);
    Py_DECREF(row);
    return r;
}

/* _segment over sorted lines: rows (and folded rows) appended to res */
static int
segment(Stitch *s, Line *lines, Py_ssize_t n, PyObject *res)
{
    Py_ssize_t start = -1; /* the open group is lines[start:i]; -1: none */
    int has_frames = 0, state = 0; /* 0 no group, 1 in frames, 2 after exception line, 3 after chain sentence */
    for (Py_ssize_t i = 0; i < n; i++) {
        long k = lines[i].kind;
        for (;;) {
            if (state == 0) {
                if (k == k_tb || k == k_frame) {
                    start = i;
                    has_frames = 1;
                    state = 1;
                } else if (k == k_chain) {
                    start = i;
                    state = 3;
                } else if (PyList_Append(res, lines[i].row) < 0) {
                    return -1;
                }
                break;
            }
            if (state == 1) {
                if (k == k_exc)
                    state = 2;
                else if (k == k_chain)
                    state = 3;
                has_frames = 1;
                break;
            }
            if (state == 2) {
                if (k == k_chain) {
                    state = 3;
                    break;
                }
            } else if (k == k_tb) { /* state 3: only a new traceback header continues the group */
                has_frames = 1;
                state = 1;
                break;
            }
            if (close_group(s, lines, start, i, has_frames, res) < 0)
                return -1;
            start = -1;
            has_frames = state = 0; /* and this line again, with no open group */
        }
    }
    if (start >= 0)
        return close_group(s, lines, start, n, has_frames, res);
    return 0;
}

/* on_fold(row) for a folded row (see folded_row), new reference; the row itself otherwise */
static PyObject *
apply_on_fold(PyObject *on_fold, PyObject *row)
{
    int w = folded_row(row);
    if (w < 0)
        return NULL;
    return w ? PyObject_CallOneArg(on_fold, row) : Py_NewRef(row);
}

/* RowStitcher._flush(key, out): pop the buffer, sort its lines, segment them, fold, on_fold.
 * Rows reach `out` only once all went well (as in Python). */
static int
flush(Stitch *s, PyObject *key)
{
    PyObject *buf, *lines, *on_fold = NULL, *res = NULL;
    Line small[16], *L = small;
    Py_ssize_t n;
    int rc = -1;

    buf = PyDict_GetItemWithError(s->open_bufs, key);
    if (buf == NULL)
        return PyErr_Occurred() ? -1 : flush_py(s, key); /* Python's KeyError */
    Py_INCREF(buf);
    if ((lines = buf_get(buf, B_LINES)) == NULL) {
        PyErr_Clear();
        Py_DECREF(buf);
        return flush_py(s, key);
    }
    if (!PyList_CheckExact(lines))
        goto python;
    n = PyList_GET_SIZE(lines);
    if (n > (Py_ssize_t)(sizeof(small) / sizeof(small[0]))) {
        if ((L = PyMem_New(Line, n)) == NULL) {
            PyErr_NoMemory();
            goto done;
        }
    }
    /* what Python reads of each line; anything unexpected: the Python _flush does this buffer */
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *pair = PyList_GET_ITEM(lines, j), *kind, *row, *ts, *idx;
        int overflow;
        if (!PyTuple_CheckExact(pair) || PyTuple_GET_SIZE(pair) != 2)
            goto python;
        kind = PyTuple_GET_ITEM(pair, 0);
        row = PyTuple_GET_ITEM(pair, 1);
        if (!PyLong_CheckExact(kind))
            goto python;
        L[j].kind = PyLong_AsLongAndOverflow(kind, &overflow);
        if (overflow)
            goto python;
        L[j].row = row;
        L[j].pos = j;
        if (!PyTuple_CheckExact(row) || PyTuple_GET_SIZE(row) < f_min_len)
            goto python;
        ts = PyTuple_GET_ITEM(row, f_ts);
        idx = PyTuple_GET_ITEM(row, f_idx);
        if (ts == Py_None)
            L[j].t = -INFINITY; /* _NO_TIME */
        else if (PyFloat_CheckExact(ts) && !isnan(PyFloat_AS_DOUBLE(ts)))
            L[j].t = PyFloat_AS_DOUBLE(ts);
        else
            goto python;
        if (!PyLong_CheckExact(idx))
            goto python;
        L[j].s = PyLong_AsLongLongAndOverflow(idx, &overflow);
        if (overflow || L[j].s == LLONG_MIN)
            goto python;
        if (s->backwards > 0)
            L[j].s = -L[j].s;
    }
    if (PyDict_DelItem(s->open_bufs, key) < 0) /* b = self.open_bufs.pop(key) */
        goto done;
    if (n > 1)
        qsort(L, (size_t)n, sizeof(Line), line_order);
    if ((res = PyList_New(0)) == NULL || segment(s, L, n, res) < 0)
        goto done;
    if ((on_fold = PyObject_GetAttr(s->st, a_on_fold)) == NULL)
        goto done;
    if (on_fold != Py_None) {
        for (Py_ssize_t j = 0; j < PyList_GET_SIZE(res); j++) {
            PyObject *row = apply_on_fold(on_fold, PyList_GET_ITEM(res, j));
            if (row == NULL)
                goto done;
            PyList_SetItem(res, j, row);
        }
    }
    {
        Py_ssize_t end = PyList_GET_SIZE(s->out);
        rc = PyList_SetSlice(s->out, end, end, res); /* out.extend(rows) */
    }
    goto done;
python:
    Py_DECREF(lines);
    Py_DECREF(buf);
    if (L != small)
        PyMem_Free(L);
    return flush_py(s, key);
done:
    Py_XDECREF(res);
    Py_XDECREF(on_fold);
    Py_DECREF(lines);
    Py_DECREF(buf);
    if (L != small)
        PyMem_Free(L);
    return rc;
}

/* buf.lines.append((kind, rec)); the new number of lines, or -1 with an exception */
static Py_ssize_t
add_line(PyObject *buf, PyObject *kind, PyObject *rec)
{
    PyObject *lines = buf_get(buf, B_LINES), *pair;
    Py_ssize_t size = -1;
    if (lines == NULL)
        return -1;
    if ((pair = PyTuple_Pack(2, kind, rec)) != NULL) {
        if (PyList_CheckExact(lines)) {
            if (PyList_Append(lines, pair) == 0)
                size = PyList_GET_SIZE(lines);
        } else {
            PyObject *r = PyObject_CallMethod(lines, "append", "O", pair);
            if (r != NULL) {
                Py_DECREF(r);
                size = PyObject_Size(lines);
            }
        }
        Py_DECREF(pair);
    }
    Py_DECREF(lines);
    return size;
}

/* if buf.tmin is None or ts < buf.tmin: buf.tmin = ts; likewise tmax with > */
static int
widen(PyObject *buf, int f, PyObject *ts)
{
    PyObject *t = buf_get(buf, f);
    int r;
    if (t == NULL)
        return -1;
    r = t == Py_None ? 1 : ts_cmp(ts, t, f == B_TMIN ? Py_LT : Py_GT);
    Py_DECREF(t);
    if (r > 0)
        r = buf_set(buf, f, ts);
    return r;
}

/* a stitcher attribute that must be an int fitting a Py_ssize_t; 0: it is not (no exception) */
static int
get_count(PyObject *st, PyObject *name, Py_ssize_t *v)
{
    PyObject *o = PyObject_GetAttr(st, name);
    if (o == NULL)
        return -1;
    if (PyLong_CheckExact(o)) {
        *v = PyLong_AsSsize_t(o);
        if (*v == -1 && PyErr_Occurred()) {
            PyErr_Clear();
            Py_DECREF(o);
            return 0;
        }
        Py_DECREF(o);
        return 1;
    }
    Py_DECREF(o);
    return 0;
}

/* a module limit that must be an int fitting a Py_ssize_t; 0: it is not */
static int
get_limit(PyObject *name, Py_ssize_t *v)
{
    PyObject *o = PyDict_GetItemWithError(st_globals, name);
    if (o == NULL)
        return PyErr_Occurred() ? -1 : 0;
    if (!PyLong_CheckExact(o))
        return 0;
    *v = PyLong_AsSsize_t(o);
    if (*v == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        return 0;
    }
    return 1;
}

/* stitch_feed(stitcher, rows, kinds, out) -> None: RowStitcher.feed (see above) */
static PyObject *
stitch_feed(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *rows_seq, *kinds_seq, *last_ts = NULL, *gap = NULL, *result = NULL;
    Py_ssize_t max_open, max_lines, since_sweep = 0, i, rest = -1;
    Stitch s = {NULL, NULL, NULL, NULL, 0, -1};
    int r;

    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "stitch_feed(stitcher, rows, kinds, out)");
        return NULL;
    }
    if (!stitch_ready) {
        PyErr_SetString(PyExc_RuntimeError, "_fastrow.stitch_configure was not called or failed");
        return NULL;
    }
    s.st = args[0];
    rows_seq = args[1];
    kinds_seq = args[2];
    s.out = args[3];
    /* The shapes handled here (rows and kinds in lists or tuples, a RowStitcher, a list out); any
     * other call goes to the Python loop as it is. */
    if (!(PyList_CheckExact(rows_seq) || PyTuple_CheckExact(rows_seq))
        || !(PyList_CheckExact(kinds_seq) || PyTuple_CheckExact(kinds_seq)) || !Py_IS_TYPE(s.st, stitcher_type)
        || !PyList_CheckExact(s.out))
        goto python;
    if ((r = get_count(s.st, a_backwards, &s.backwards)) <= 0 || (r = get_count(s.st, a_since_sweep, &since_sweep)) <= 0
        || (r = get_limit(a_max_open, &max_open)) <= 0 || (r = get_limit(a_max_lines, &max_lines)) <= 0) {
        if (r < 0)
            goto done;
        goto python;
    }
    if (max_open < 1) /* next(iter(open_bufs)) could raise StopIteration: Python's */
        goto python;
    if ((s.open_bufs = PyObject_GetAttr(s.st, a_open_bufs)) == NULL)
        goto done;
    if (!PyDict_CheckExact(s.open_bufs))
        goto python;
    gap = Py_XNewRef(PyDict_GetItemWithError(st_globals, a_gap));
    s.fold = gap == NULL ? NULL : Py_XNewRef(PyDict_GetItemWithError(st_globals, a_fold));
    if (s.fold == NULL) {
        if (PyErr_Occurred())
            goto done;
        goto python;
    }
    if ((last_ts = PyObject_GetAttr(s.st, a_last_ts)) == NULL)
        goto done;

    /* zip(rows, kinds): the sizes are read at each step, as a list iterator does, and each row and kind
     * is held while it is handled (a callback could change the lists) */
    for (i = 0; i < PySequence_Fast_GET_SIZE(rows_seq) && i < PySequence_Fast_GET_SIZE(kinds_seq); i++) {
        PyObject *rec = PySequence_Fast_GET_ITEM(rows_seq, i), *kind = PySequence_Fast_GET_ITEM(kinds_seq, i);
        PyObject *ts, *key, *buf;
        long kv;
        int has_kind, overflow;
        /* A row of another shape (not a tuple, a kind that is not an int...): the Python loop does the
         * rest of the rows, from the state reached (written back to the stitcher first). */
        if (!PyTuple_CheckExact(rec) || PyTuple_GET_SIZE(rec) < f_min_len || !PyLong_CheckExact(kind)) {
            rest = i;
            break;
        }
        kv = PyLong_AsLongAndOverflow(kind, &overflow);
        if (overflow) {
            rest = i;
            break;
        }
        has_kind = kv != 0;
        Py_INCREF(rec);
        Py_INCREF(kind);
        ts = PyTuple_GET_ITEM(rec, f_ts);
        if (ts != Py_None) {
            if (last_ts != Py_None) {
                if ((r = ts_cmp(ts, last_ts, Py_LT)) < 0)
                    goto fail_row;
                if (r)
                    s.backwards++;
                else {
                    if ((r = ts_cmp(ts, last_ts, Py_GT)) < 0)
                        goto fail_row;
                    if (r)
                        s.backwards--;
                }
            }
            Py_SETREF(last_ts, Py_NewRef(ts));
        }
        if (!has_kind && PyDict_GET_SIZE(s.open_bufs) == 0) {
            r = PyList_Append(s.out, rec);
            Py_DECREF(rec);
            Py_DECREF(kind);
            if (r < 0)
                goto fail;
            continue;
        }
        key = PyTuple_Pack(3, PyTuple_GET_ITEM(rec, f_inst), PyTuple_GET_ITEM(rec, f_stream),
                           PyTuple_GET_ITEM(rec, f_svc));
        if (key == NULL)
            goto fail_row;
        buf = PyDict_GetItemWithError(s.open_bufs, key);
        if (buf == NULL && PyErr_Occurred())
            goto fail_key;
        Py_XINCREF(buf);
        if (buf != NULL && ts != Py_None) {
            if ((r = buffer_past(buf, ts, gap)) < 0)
                goto fail_buf;
            if (r) {
                if (flush(&s, key) < 0)
                    goto fail_buf;
                Py_CLEAR(buf);
            }
        }
        if (!has_kind) {
            if (buf != NULL && flush(&s, key) < 0)
                goto fail_buf;
            if (PyList_Append(s.out, rec) < 0)
                goto fail_buf;
        } else {
            Py_ssize_t size;
            if (buf == NULL) {
                if (PyDict_GET_SIZE(s.open_bufs) >= max_open) {
                    Py_ssize_t pos = 0;
                    PyObject *first, *value;
                    if (PyDict_Next(s.open_bufs, &pos, &first, &value)) { /* next(iter(open_bufs)) */
                        Py_INCREF(first);
                        r = flush(&s, first);
                        Py_DECREF(first);
                        if (r < 0)
                            goto fail_buf;
                    }
                }
                if ((buf = PyObject_CallNoArgs((PyObject *)buffer_type)) == NULL
                    || PyDict_SetItem(s.open_bufs, key, buf) < 0)
                    goto fail_buf;
            }
            if ((size = add_line(buf, kind, rec)) < 0)
                goto fail_buf;
            if (ts != Py_None && (widen(buf, B_TMIN, ts) < 0 || widen(buf, B_TMAX, ts) < 0))
                goto fail_buf;
            if (size >= max_lines && flush(&s, key) < 0)
                goto fail_buf;
        }
        Py_XDECREF(buf);
        Py_DECREF(key);
        /* Now and then release buffers the stream has moved past. */
        since_sweep++;
        if (since_sweep >= sweep_every && PyDict_GET_SIZE(s.open_bufs) > 0 && ts != Py_None) {
            PyObject *stale = PyList_New(0), *k, *b;
            Py_ssize_t pos = 0;
            since_sweep = 0;
            if (stale == NULL)
                goto fail_row;
            while (PyDict_Next(s.open_bufs, &pos, &k, &b)) {
                if ((r = buffer_past(b, ts, gap)) < 0 || (r && PyList_Append(stale, k) < 0)) {
                    Py_DECREF(stale);
                    goto fail_row;
                }
            }
            for (Py_ssize_t j = 0; j < PyList_GET_SIZE(stale); j++) {
                if (flush(&s, PyList_GET_ITEM(stale, j)) < 0) {
                    Py_DECREF(stale);
                    goto fail_row;
                }
            }
            Py_DECREF(stale);
        }
        Py_DECREF(rec);
        Py_DECREF(kind);
        continue;
    fail_buf:
        Py_XDECREF(buf);
    fail_key:
        Py_DECREF(key);
    fail_row:
        Py_DECREF(rec);
        Py_DECREF(kind);
        goto fail;
    }
    result = Py_NewRef(Py_None);
fail:
    /* as the Python loop's `finally`: the state reached so far (backwards too, which Python keeps on
     * the stitcher as it goes); the loop's own error wins over one here */
    {
        PyObject *et, *ev, *tb, *v;
        int failed;
        PyErr_Fetch(&et, &ev, &tb);
        failed = PyObject_SetAttr(s.st, a_last_ts, last_ts) < 0;
        if (!failed) {
            v = PyLong_FromSsize_t(since_sweep);
            failed = v == NULL || PyObject_SetAttr(s.st, a_since_sweep, v) < 0;
            Py_XDECREF(v);
        }
        if (!failed) {
            v = PyLong_FromSsize_t(s.backwards);
            failed = v == NULL || PyObject_SetAttr(s.st, a_backwards, v) < 0;
            Py_XDECREF(v);
        }
        if (et != NULL) {
            Py_CLEAR(result);
            if (failed)
                PyErr_Clear();
            PyErr_Restore(et, ev, tb);
        } else if (failed) {
            Py_CLEAR(result);
        }
    }
    if (result != NULL && rest >= 0) { /* the Python loop goes on from row `rest` */
        PyObject *rows_rest = PySequence_GetSlice(rows_seq, rest, PY_SSIZE_T_MAX);
        PyObject *kinds_rest = rows_rest ? PySequence_GetSlice(kinds_seq, rest, PY_SSIZE_T_MAX) : NULL;
        Py_CLEAR(result);
        if (kinds_rest != NULL)
            result = PyObject_CallFunctionObjArgs(feed_py, s.st, rows_rest, kinds_rest, s.out, NULL);
        Py_XDECREF(rows_rest);
        Py_XDECREF(kinds_rest);
    }
    goto done;
python:
    result = PyObject_CallFunctionObjArgs(feed_py, s.st, rows_seq, kinds_seq, s.out, NULL);
done:
    Py_XDECREF(s.open_bufs);
    Py_XDECREF(s.fold);
    Py_XDECREF(gap);
    Py_XDECREF(last_ts);
    return result;
}

/* An int global of the module, fitting a long; 0 with `why` set when it is not. */
static int
global_long(PyObject *g, const char *name, long *v, const char **why)
{
    PyObject *o = PyDict_GetItemString(g, name);
    int overflow;
    if (o == NULL || !PyLong_CheckExact(o)) {
        *why = name;
        return 0;
    }
    *v = PyLong_AsLongAndOverflow(o, &overflow);
    if (overflow) {
        *why = name;
        return 0;
    }
    return 1;
}

/* stitch_configure(tracebacks.__dict__) -> None when the C loop is ready, else why not (a str). */
static PyObject *
stitch_configure(PyObject *self, PyObject *g)
{
    static const char *kinds[4] = {"TB_START", "FRAME", "CHAIN", "EXC"};
    static const char *fields[5] = {"_TS", "_SVC", "_INST", "_STREAM", "_IDX"};
    long *kind_vars[4] = {&k_tb, &k_frame, &k_chain, &k_exc};
    Py_ssize_t *field_vars[5] = {&f_ts, &f_svc, &f_inst, &f_stream, &f_idx};
    const char *why = NULL;
    PyObject *v, *st_type, *b_type, *fp, *key;
    long x;
    Py_ssize_t off[3];

    if (!PyDict_Check(g)) {
        PyErr_SetString(PyExc_TypeError, "stitch_configure(module globals)");
        return NULL;
    }
    stitch_ready = 0;
    for (int j = 0; j < 4; j++)
        if (!global_long(g, kinds[j], kind_vars[j], &why))
            goto off;
    if (k_tb == 0 || k_frame == 0 || k_chain == 0 || k_exc == 0) {
        why = "a line kind is 0";
        goto off;
    }
    f_min_len = 0;
    for (int j = 0; j < 5; j++) {
        if (!global_long(g, fields[j], &x, &why))
            goto off;
        if (x < 0) {
            why = fields[j];
            goto off;
        }
        *field_vars[j] = (Py_ssize_t)x;
        if (x + 1 > f_min_len)
            f_min_len = (Py_ssize_t)x + 1;
    }
    if (!global_long(g, "_SWEEP_EVERY", &x, &why))
        goto off;
    sweep_every = (Py_ssize_t)x;
    v = PyDict_GetItemString(g, "_NO_TIME");
    if (v == NULL || !PyFloat_CheckExact(v) || PyFloat_AS_DOUBLE(v) != -INFINITY) {
        why = "_NO_TIME is not float('-inf')";
        goto off;
    }
    key = PyDict_GetItemString(g, "_STITCHED");
    if (key == NULL || !PyUnicode_CheckExact(key)) {
        why = "_STITCHED";
        goto off;
    }
    st_type = PyDict_GetItemString(g, "RowStitcher");
    b_type = PyDict_GetItemString(g, "_Buffer");
    fp = PyDict_GetItemString(g, "_feed_py");
    if (st_type == NULL || !PyType_Check(st_type) || b_type == NULL || !PyType_Check(b_type) || fp == NULL
        || !PyCallable_Check(fp)) {
        why = "RowStitcher, _Buffer or _feed_py";
        goto off;
    }
    if (((PyTypeObject *)b_type)->tp_getattro != PyObject_GenericGetAttr
        || ((PyTypeObject *)b_type)->tp_setattro != PyObject_GenericSetAttr) {
        why = "_Buffer has its own attribute access";
        goto off;
    }
    for (int j = 0; j < 3; j++) {
        if (slot_offset(b_type, PyUnicode_AsUTF8(buf_names[j]), &off[j]) < 0) {
            PyErr_Clear();
            why = "_Buffer's lines, tmin, tmax are not __slots__";
            goto off;
        }
    }
    for (int j = 0; j < 3; j++)
        buf_offsets[j] = off[j];
    Py_XSETREF(st_globals, Py_NewRef(g));
    Py_XSETREF(stitcher_type, (PyTypeObject *)Py_NewRef(st_type));
    Py_XSETREF(buffer_type, (PyTypeObject *)Py_NewRef(b_type));
    Py_XSETREF(feed_py, Py_NewRef(fp));
    Py_XSETREF(s_stitched, Py_NewRef(key));
    stitch_ready = 1;
    Py_RETURN_NONE;
off:
    if (PyErr_Occurred())
        return NULL;
    return PyUnicode_FromString(why);
}

static PyMethodDef methods[] = {
    {"segment_rows", (PyCFunction)(void (*)(void))segment_rows, METH_FASTCALL,
     "segment_rows(values, i, cache, masked, classify, max_tokens, no_extra, rows, kinds, skipped, severities, "
     "truncations, interned, position_mask) -> (last index, entries without a time)"},
    {"normalize_row", (PyCFunction)(void (*)(void))normalize_row, METH_FASTCALL,
     "normalize_row(entry, index, cache): rca.sources.gcloud.normalize_row, in C for common entries."},
    {"exception_name", (PyCFunction)(void (*)(void))exception_name_c, METH_FASTCALL,
     "exception_name(line, strict=True): rca.sources.tracebacks.exception_name, in C for str lines."},
    {"classify_line", (PyCFunction)(void (*)(void))classify_line_c, METH_FASTCALL,
     "classify_line(msg, exception=''): rca.sources.tracebacks.classify_line, in C for str arguments."},
    {"traceback_rules", traceback_rules, METH_NOARGS,
     "traceback_rules() -> (suffixes, bare names, (TB_START, FRAME, CODE, CHAIN, EXC), headers) as read from "
     "rca.sources.tracebacks, or None when the C twins are off."},
    {"stitch_feed", (PyCFunction)(void (*)(void))stitch_feed, METH_FASTCALL,
     "stitch_feed(stitcher, rows, kinds, out): rca.sources.tracebacks.RowStitcher.feed, with its flushes, in C."},
    {"fold", (PyCFunction)(void (*)(void))fold_test, METH_FASTCALL,
     "fold(group, fallback=True): rca.sources.tracebacks._fold(group) as stitch_feed folds, in C when it can; "
     "with fallback false, None where the Python _fold would be called."},
    {"fold_configure", fold_configure, METH_O,
     "fold_configure(tracebacks module globals) -> None when the C fold is ready, else why not."},
    {"stitch_configure", stitch_configure, METH_O,
     "stitch_configure(tracebacks module globals) -> None when stitch_feed is ready, else why not."},
    {"configure", configure, METH_VARARGS,
     "configure(fallback, severity, status_texts, exception_name, max_chars, cache_max, max_endpoint)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_fastrow", NULL, -1, methods};

#define INTERN(var, text)                                  \
    do {                                                   \
        if ((var = PyUnicode_InternFromString(text)) == NULL) \
            return NULL;                                   \
    } while (0)

PyMODINIT_FUNC
PyInit__fastrow(void)
{
    INTERN(k_textPayload, "textPayload");
    INTERN(k_httpRequest, "httpRequest");
    INTERN(k_jsonPayload, "jsonPayload");
    INTERN(k_protoPayload, "protoPayload");
    INTERN(k_timestamp, "timestamp");
    INTERN(k_receiveTimestamp, "receiveTimestamp");
    INTERN(k_severity, "severity");
    INTERN(k_status, "status");
    INTERN(k_latency, "latency");
    INTERN(k_requestUrl, "requestUrl");
    INTERN(k_requestMethod, "requestMethod");
    INTERN(k_labels, "labels");
    INTERN(k_instanceId, "instanceId");
    INTERN(k_resource, "resource");
    INTERN(k_logName, "logName");
    INTERN(k_trace, "trace");
    INTERN(k_message, "message");
    INTERN(k_error, "error");
    INTERN(k_err, "err");
    INTERN(k_stack_trace, "stack_trace");
    INTERN(k_stacktrace, "stacktrace");
    INTERN(k_exc_info, "exc_info");
    INTERN(k_traceback, "traceback");
    INTERN(k_stack, "stack");
    INTERN(k_service_name, "service_name");
    INTERN(k_container_name, "container_name");
    INTERN(k_namespace_name, "namespace_name");
    INTERN(k_function_name, "function_name");
    INTERN(k_job_name, "job_name");
    INTERN(k_module_id, "module_id");
    INTERN(k_revision_name, "revision_name");
    INTERN(k_version_id, "version_id");
    INTERN(k_pod_name, "pod_name");
    INTERN(k_instance_id, "instance_id");
    INTERN(a_minutes, "minutes");
    INTERN(a_paths, "paths");
    INTERN(a_streams, "streams");
    INTERN(a_names, "names");
    INTERN(s_empty, "");
    INTERN(s_slash, "/");
    INTERN(s_DEFAULT, "DEFAULT");
    INTERN(s_scheme_sep, "://");
    INTERN(k_not_object, "not an object");
    INTERN(k_malformed, "malformed entry");
    INTERN(k_no_payload, "no payload");
    INTERN(k_truncated_chars, "truncated_chars");
    INTERN(s_space, " ");
    INTERN(a_open_bufs, "open_bufs");
    INTERN(a_last_ts, "last_ts");
    INTERN(a_backwards, "backwards");
    INTERN(a_since_sweep, "since_sweep");
    INTERN(a_on_fold, "on_fold");
    INTERN(a_flush, "_flush");
    INTERN(a_fold, "_fold");
    INTERN(a_gap, "STITCH_GAP_S");
    INTERN(a_max_open, "MAX_OPEN_BUFFERS");
    INTERN(a_max_lines, "MAX_TRACEBACK_LINES");
    INTERN(buf_names[B_LINES], "lines");
    INTERN(buf_names[B_TMIN], "tmin");
    INTERN(buf_names[B_TMAX], "tmax");
    if ((_one = PyLong_FromLong(1)) == NULL || (kind_values[K_NONE] = PyLong_FromLong(0)) == NULL)
        return NULL;
    if ((s_arrow = PyUnicode_FromString(" \xe2\x86\x92 ")) == NULL) /* " → " */
        return NULL;
    svc_keys[0] = k_service_name; svc_keys[1] = k_container_name; svc_keys[2] = k_namespace_name;
    svc_keys[3] = k_function_name; svc_keys[4] = k_job_name; svc_keys[5] = k_module_id;
    rev_keys[0] = k_revision_name; rev_keys[1] = k_version_id;
    inst_keys[0] = k_pod_name; inst_keys[1] = k_instance_id;
    return PyModule_Create(&module);
}
