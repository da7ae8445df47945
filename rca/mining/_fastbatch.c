/* Optional C accelerator for rca.mining.stats._Miner._batch_py: the per-batch counters of mining
 * statistics (counts, severities, timelines, services / revisions / streams, instances, traces,
 * exceptions, endpoints, HTTP statuses, stacks, latencies, the window), which the Python
 * reference counts with Counter per batch and merges in order of first occurrence.
 *
 * batch() does the same in one pass over the rows that only fills C hash tables (nothing of the
 * miner is touched yet), then applies the counts to the Python dicts in the same order as the
 * reference: every (cluster, value) pair in order of its first row, with the value object of that
 * row, so every dict ends with the same items in the same insertion order, and the first-come caps
 * of the bounded tables (MAX_SERVICES, MAX_REVISIONS, MAX_STREAMS, MAX_EXCEPTIONS, ENDPOINT_TRACK,
 * MAX_INSTANCES) admit the same values. Why merging per pair is the same as Counter over tuples:
 * each dict is only written for its own (cluster, value) pairs, a pair's first tuple is at the
 * pair's first row, and a table only grows, so a value refused once is refused for the whole batch.
 *
 * Returns False, before changing anything, when the batch has something it does not handle
 * (columns of other lengths, a timestamp or latency that is not a finite float, a severity that
 * is neither str nor None, a re-entrant call): the caller then runs the Python reference.
 *
 * Latency histograms: the bucket is computed in C for floats (round half to even, as Python's
 * round()); the exact -> histogram switch calls the Python `_to_hist`.
 *
 * Configured by rca.mining.stats (`configure`) with the _Acc class and the table limits.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include "_acc_slots.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

enum { C_TS, C_SEV, C_MSG, C_SVC, C_REV, C_INST, C_TRACE, C_STREAM, C_STATUS, C_LAT, C_ENDPOINT, C_EXC,
       C_FRAMES, NCOLS };

static PyTypeObject *acc_type;
static Py_ssize_t o_count, o_by_severity, o_services, o_revisions, o_streams, o_timeline, o_exceptions,
    o_stack, o_http, o_endpoints, o_lat, o_lat_n, o_lat_max, o_lat_hist, o_instances, o_traces;
static PyObject *severity_rank, *error_rank, *to_hist, *lat_bucket, *array_type;
static Py_ssize_t max_services, max_revisions, max_streams, max_exceptions, endpoint_track, max_instances,
    latency_exact;
static PyObject *s_default, *s_d, *s_append, *a_window_start, *a_window_end, *a_total, *a_by_severity, *a_timeline,
    *a_error_timeline;
static int busy;

#define SLOT(obj, off) (*(PyObject **)((char *)(obj) + (off)))

static inline PyObject *
get_slot(PyObject *obj, Py_ssize_t off)
{
    PyObject *v = SLOT(obj, off);
    if (v == NULL)
        PyErr_SetString(PyExc_AttributeError, "an _Acc slot is not set");
    return v;
}

/* obj.<slot> = value; steals the reference to value */
static inline void
put_slot(PyObject *obj, Py_ssize_t off, PyObject *value)
{
    PyObject *old = SLOT(obj, off);
    SLOT(obj, off) = value;
    Py_XDECREF(old);
}

static inline PyObject *
dict_slot(PyObject *a, Py_ssize_t off)
{
    PyObject *d = get_slot(a, off);
    if (d != NULL && !PyDict_Check(d)) {
        PyErr_SetString(PyExc_TypeError, "an _Acc table is not a dict");
        return NULL;
    }
    return d;
}

/* ------------------------------------------------------------------------------- hash tables */

/* Distinct Python values of a column (hash and ==, as a dict), numbered in order of first row. */
typedef struct {
    Py_ssize_t cap, n, size; /* cap: slots (power of two); size: entries allocated */
    int32_t *slots;          /* -1: empty */
    PyObject **obj;          /* borrowed: the columns hold them */
    Py_hash_t *hash;
    int32_t *first;
    int64_t *count;
    PyObject *last; /* the previous row's object and its id: runs of the same object */
    int32_t last_id;
} Intern;

/* Distinct 64-bit keys (pairs of ids, or minutes), numbered in order of first row. */
typedef struct {
    Py_ssize_t cap, n, size;
    int32_t *slots;
    uint64_t *key;
    int32_t *first;
    int64_t *count;
} Pairs;

static int
grow(void **p, Py_ssize_t n, size_t item)
{
    void *q = PyMem_Realloc(*p, (size_t)n * item);
    if (q == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    *p = q;
    return 0;
}

static Py_ssize_t
cap_for(Py_ssize_t n)
{
    Py_ssize_t c = 16;
    while (c < 2 * n)
        c <<= 1;
    return c;
}

/* ready for a batch of n rows (empty) */
static int
intern_reset(Intern *t, Py_ssize_t n)
{
    if (t->size < n) {
        Py_ssize_t cap = cap_for(n);
        if (grow((void **)&t->slots, cap, sizeof(int32_t)) < 0 || grow((void **)&t->obj, n, sizeof(PyObject *)) < 0
            || grow((void **)&t->hash, n, sizeof(Py_hash_t)) < 0 || grow((void **)&t->first, n, sizeof(int32_t)) < 0
            || grow((void **)&t->count, n, sizeof(int64_t)) < 0)
            return -1;
        t->cap = cap;
        t->size = n;
        memset(t->slots, 0xff, (size_t)cap * sizeof(int32_t));
    } else {
        Py_ssize_t mask = t->cap - 1;
        for (Py_ssize_t i = 0; i < t->n; i++) { /* clear the used slots only */
            size_t j = (size_t)t->hash[i] & mask;
            while (t->slots[j] != i)
                j = (j + 1) & mask;
            t->slots[j] = -1;
        }
    }
    t->n = 0;
    t->last = NULL;
    t->last_id = -1;
    return 0;
}

/* the id of v (new ids in order of first row), or -1 with an exception set */
static int32_t
intern(Intern *t, PyObject *v, Py_ssize_t row)
{
    Py_hash_t h;
    size_t j, mask = (size_t)t->cap - 1;
    if (v == t->last) {
        t->count[t->last_id]++;
        return t->last_id;
    }
    h = PyObject_Hash(v);
    if (h == -1 && PyErr_Occurred())
        return -1;
    for (j = (size_t)h & mask;; j = (j + 1) & mask) {
        int32_t id = t->slots[j];
        if (id < 0)
            break;
        if (t->hash[id] == h) {
            int eq = t->obj[id] == v ? 1 : PyObject_RichCompareBool(t->obj[id], v, Py_EQ);
            if (eq < 0)
                return -1;
            if (eq) {
                t->count[id]++;
                t->last = v;
                t->last_id = id;
                return id;
            }
        }
    }
    {
        int32_t id = (int32_t)t->n++;
        t->slots[j] = id;
        t->obj[id] = v;
        t->hash[id] = h;
        t->first[id] = (int32_t)row;
        t->count[id] = 1;
        t->last = v;
        t->last_id = id;
        return id;
    }
}

static inline size_t
mix(uint64_t k)
{
    k *= 0x9E3779B97F4A7C15ULL;
    return (size_t)(k ^ (k >> 29));
}

static int
pairs_reset(Pairs *t, Py_ssize_t n)
{
    if (t->size < n) {
        Py_ssize_t cap = cap_for(n);
        if (grow((void **)&t->slots, cap, sizeof(int32_t)) < 0 || grow((void **)&t->key, n, sizeof(uint64_t)) < 0
            || grow((void **)&t->first, n, sizeof(int32_t)) < 0 || grow((void **)&t->count, n, sizeof(int64_t)) < 0)
            return -1;
        t->cap = cap;
        t->size = n;
        memset(t->slots, 0xff, (size_t)cap * sizeof(int32_t));
    } else {
        size_t mask = (size_t)t->cap - 1;
        for (Py_ssize_t i = 0; i < t->n; i++) {
            size_t j = mix(t->key[i]) & mask;
            while (t->slots[j] != i)
                j = (j + 1) & mask;
            t->slots[j] = -1;
        }
    }
    t->n = 0;
    return 0;
}

/* count one row of key k; returns its index */
static inline int32_t
pairs_add(Pairs *t, uint64_t k, Py_ssize_t row)
{
    size_t j, mask = (size_t)t->cap - 1;
    for (j = mix(k) & mask;; j = (j + 1) & mask) {
        int32_t id = t->slots[j];
        if (id < 0)
            break;
        if (t->key[id] == k) {
            t->count[id]++;
            return id;
        }
    }
    {
        int32_t id = (int32_t)t->n++;
        t->slots[j] = id;
        t->key[id] = k;
        t->first[id] = (int32_t)row;
        t->count[id] = 1;
        return id;
    }
}

#define PAIR(a, b) (((uint64_t)(uint32_t)(a) << 32) | (uint32_t)(b))
#define PAIR_A(k) ((int32_t)((k) >> 32))

/* the tables, kept between batches (grown to the largest batch) */
enum { I_KEY, I_SEV, I_SVC, I_REV, I_STREAM, I_INST, I_EXC, I_ENDPOINT, I_STATUS, N_INTERN };
enum { P_MINUTE, P_ERRMIN, P_SEV, P_TIMELINE, P_SVC, P_REV, P_STREAM, P_INST, P_EXC, P_ENDPOINT, P_STATUS,
       N_PAIRS };
static Intern interns[N_INTERN];
static Pairs pairs[N_PAIRS];
static int32_t *row_ci; /* the cluster id of every row */
static int64_t *traces;  /* traced rows per cluster */
static int64_t *minute_of;  /* minute value per minute id */
static char *sev_error;  /* per severity id: SEVERITY_RANK.get(s, 0) >= ERROR_RANK */
static Py_ssize_t rows_size;

/* ------------------------------------------------------------------------------- helpers */

/* Python's float floor division t // 60 (floatobject.c _float_div_mod), then int(): 0 or -1 when
 * out of range for the C path */
static int
minute_of_float(double vx, int64_t *out)
{
    const double wx = 60.0;
    double mod = fmod(vx, wx), div = (vx - mod) / wx, floordiv;
    if (mod) {
        if ((wx < 0) != (mod < 0)) {
            mod += wx;
            div -= 1.0;
        }
    }
    if (div) {
        floordiv = floor(div);
        if (div - floordiv > 0.5)
            floordiv += 1.0;
    } else {
        floordiv = copysign(0.0, vx / wx);
    }
    if (!(floordiv > -9.0e15 && floordiv < 9.0e15))
        return -1;
    *out = (int64_t)floordiv;
    return 0;
}

/* truthiness, fast for str and None */
static inline int
truthy(PyObject *v)
{
    if (PyUnicode_CheckExact(v))
        return PyUnicode_GET_LENGTH(v) != 0;
    if (v == Py_None)
        return 0;
    return PyObject_IsTrue(v);
}

/* d[key] = d.get(key, 0) + c, or with a cap (>= 0): only while the table has room for a new key */
static int
dict_add(PyObject *d, PyObject *key, int64_t c, Py_ssize_t cap)
{
    PyObject *x = PyDict_GetItemWithError(d, key), *y;
    int rc;
    if (x != NULL) {
        int overflow = 1;
        long long v = PyLong_CheckExact(x) ? PyLong_AsLongLongAndOverflow(x, &overflow) : 0;
        if (!overflow && v < (1LL << 62) && v > -(1LL << 62)) {
            y = PyLong_FromLongLong(v + c);
        } else { /* big or not an int: Python's + */
            PyObject *cc = PyLong_FromLongLong(c);
            y = cc ? PyNumber_Add(x, cc) : NULL;
            Py_XDECREF(cc);
        }
    } else {
        if (PyErr_Occurred())
            return -1;
        if (cap >= 0 && PyDict_GET_SIZE(d) >= cap)
            return 0;
        y = PyLong_FromLongLong(c);
    }
    if (y == NULL)
        return -1;
    rc = PyDict_SetItem(d, key, y);
    Py_DECREF(y);
    return rc;
}

/* timeline[minute] += count for each minute of `p` (the keys are minutes) */
static int
add_minutes(PyObject *timeline, const Pairs *p)
{
    for (Py_ssize_t i = 0; i < p->n; i++) {
        PyObject *m = PyLong_FromLongLong((long long)p->key[i]);
        int rc;
        if (m == NULL)
            return -1;
        rc = dict_add(timeline, m, p->count[i], -1);
        Py_DECREF(m);
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* slot += c on an int slot of an _Acc */
static int
slot_add(PyObject *a, Py_ssize_t off, int64_t c)
{
    PyObject *x = get_slot(a, off), *cc, *y;
    if (x == NULL)
        return -1;
    cc = PyLong_FromLongLong(c);
    if (cc == NULL)
        return -1;
    y = PyNumber_Add(x, cc);
    Py_DECREF(cc);
    if (y == NULL)
        return -1;
    put_slot(a, off, y);
    return 0;
}

/* The counts of (cluster, value) pairs of table p, in order of first row, into the dicts of slot
 * `off` (keys: the value column at the pair's first row); cap < 0: no cap. */
static int
merge_pairs(PyObject **acc, Pairs *p, PyObject *col, Py_ssize_t off, Py_ssize_t cap)
{
    for (Py_ssize_t i = 0; i < p->n; i++) {
        PyObject *d = dict_slot(acc[PAIR_A(p->key[i])], off);
        if (d == NULL || dict_add(d, PySequence_Fast_GET_ITEM(col, p->first[i]), p->count[i], cap) < 0)
            return -1;
    }
    return 0;
}

/* severity at a row, "" and None as "DEFAULT" (borrowed) */
static inline PyObject *
severity_at(PyObject *col, Py_ssize_t row)
{
    PyObject *s = PySequence_Fast_GET_ITEM(col, row);
    return (s == Py_None || PyUnicode_GET_LENGTH(s) == 0) ? s_default : s;
}

/* _lat_bucket(v) in C for finite floats of sane size: whole ms below 60 s, else whole s in ms */
static PyObject *
bucket_of(PyObject *v)
{
    double x = PyFloat_AS_DOUBLE(v);
    if (isfinite(x) && fabs(x) < 1e12) {
        double ms = x * 1000.0, r = round(ms);
        long long b;
        if (fabs(ms - r) == 0.5)
            r = 2.0 * round(ms / 2.0);
        b = (long long)r;
        if (b >= 60000) {
            double s = round(x);
            if (fabs(x - s) == 0.5)
                s = 2.0 * round(x / 2.0);
            b = (long long)s * 1000;
        }
        return PyLong_FromLongLong(b);
    }
    return PyObject_CallOneArg(lat_bucket, v);
}

static int
add_latency(PyObject *a, PyObject *v)
{
    PyObject *mx, *hist;
    if (slot_add(a, o_lat_n, 1) < 0 || (mx = get_slot(a, o_lat_max)) == NULL)
        return -1;
    if (mx == Py_None) {
        put_slot(a, o_lat_max, Py_NewRef(v));
    } else {
        int gt = PyFloat_CheckExact(mx) ? PyFloat_AS_DOUBLE(v) > PyFloat_AS_DOUBLE(mx)
                                        : PyObject_RichCompareBool(v, mx, Py_GT);
        if (gt < 0)
            return -1;
        if (gt)
            put_slot(a, o_lat_max, Py_NewRef(v));
    }
    if ((hist = get_slot(a, o_lat_hist)) == NULL)
        return -1;
    if (hist == Py_None) {
        PyObject *lat = get_slot(a, o_lat), *r;
        Py_ssize_t len;
        if (lat == NULL || (r = PyObject_CallMethodOneArg(lat, s_append, v)) == NULL)
            return -1;
        Py_DECREF(r);
        if ((len = PyObject_Length(lat)) < 0)
            return -1;
        if (len > latency_exact) {
            PyObject *h = PyObject_CallOneArg(to_hist, lat), *fresh;
            if (h == NULL)
                return -1;
            put_slot(a, o_lat_hist, h);
            if ((fresh = PyObject_CallOneArg(array_type, s_d)) == NULL)
                return -1;
            put_slot(a, o_lat, fresh);
        }
    } else {
        PyObject *b;
        int rc;
        if (!PyDict_Check(hist)) {
            PyErr_SetString(PyExc_TypeError, "_Acc.lat_hist is not a dict");
            return -1;
        }
        Py_INCREF(hist);
        b = bucket_of(v);
        rc = b ? dict_add(hist, b, 1, -1) : -1;
        Py_XDECREF(b);
        Py_DECREF(hist);
        return rc;
    }
    return 0;
}

static int
window(PyObject *miner, PyObject *attr, PyObject *t, int op)
{
    PyObject *w = PyObject_GetAttr(miner, attr);
    int b;
    if (w == NULL)
        return -1;
    b = w == Py_None ? 1 : PyFloat_CheckExact(w) ? (op == Py_LT ? PyFloat_AS_DOUBLE(t) < PyFloat_AS_DOUBLE(w)
                                                                 : PyFloat_AS_DOUBLE(t) > PyFloat_AS_DOUBLE(w))
                                                  : PyObject_RichCompareBool(t, w, op);
    Py_DECREF(w);
    if (b < 0)
        return -1;
    return b ? PyObject_SetAttr(miner, attr, t) : 0;
}

static int
ensure_rows(Py_ssize_t n)
{
    if (rows_size >= n)
        return 0;
    if (grow((void **)&row_ci, n, sizeof(int32_t)) < 0 || grow((void **)&traces, n, sizeof(int64_t)) < 0
        || grow((void **)&minute_of, n, sizeof(int64_t)) < 0 || grow((void **)&sev_error, n, 1) < 0)
        return -1;
    rows_size = n;
    return 0;
}

/* ------------------------------------------------------------------------------- batch */

static PyObject *
batch_impl(PyObject *miner, PyObject *accs, PyObject *keys, PyObject *cols_arg)
{
    PyObject *cols[NCOLS] = {0}, *cl = NULL, *kl = NULL, **acc = NULL, *result = NULL, *lo = NULL, *hi = NULL,
        *bs = NULL, *tl = NULL, *etl = NULL;
    Py_ssize_t n, ncl = 0;
    int has_frames = 0, has_lat = 0;
    Intern *ik = &interns[I_KEY], *isev = &interns[I_SEV];

    if (acc_type == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "_fastbatch is not configured");
        return NULL;
    }
    if (!PyDict_Check(accs)) {
        PyErr_SetString(PyExc_TypeError, "accs is not a dict");
        return NULL;
    }
    kl = PySequence_Fast(keys, "keys must be a sequence");
    cl = kl ? PySequence_Fast(cols_arg, "columns must be a sequence") : NULL;
    if (cl == NULL)
        goto out;
    n = PySequence_Fast_GET_SIZE(kl);
    if (PySequence_Fast_GET_SIZE(cl) != NCOLS || n > INT32_MAX / 2) {
        result = Py_NewRef(Py_False);
        goto out;
    }
    for (int c = 0; c < NCOLS; c++) {
        cols[c] = PySequence_Fast(PySequence_Fast_GET_ITEM(cl, c), "columns must be sequences");
        if (cols[c] == NULL)
            goto out;
        if (PySequence_Fast_GET_SIZE(cols[c]) != n) { /* zip() would cut: the Python reference */
            result = Py_NewRef(Py_False);
            goto out;
        }
    }
    if (n == 0) {
        result = Py_NewRef(Py_True);
        goto out;
    }
    for (int t = 0; t < N_INTERN; t++)
        if (intern_reset(&interns[t], n) < 0)
            goto out;
    for (int t = 0; t < N_PAIRS; t++)
        if (pairs_reset(&pairs[t], n) < 0)
            goto out;
    if (ensure_rows(n) < 0)
        goto out;

    /* pass 1: count into the C tables; nothing of the miner changes, so the Python reference can
     * still take over */
    {
        PyObject **ts = PySequence_Fast_ITEMS(cols[C_TS]), **sev = PySequence_Fast_ITEMS(cols[C_SEV]),
                 **trace = PySequence_Fast_ITEMS(cols[C_TRACE]), **status = PySequence_Fast_ITEMS(cols[C_STATUS]),
                 **lat = PySequence_Fast_ITEMS(cols[C_LAT]), **frames = PySequence_Fast_ITEMS(cols[C_FRAMES]),
                 **kk = PySequence_Fast_ITEMS(kl);
        static const struct { int col, in, pr; } valued[] = {
            {C_SVC, I_SVC, P_SVC}, {C_REV, I_REV, P_REV}, {C_STREAM, I_STREAM, P_STREAM}, {C_INST, I_INST, P_INST},
            {C_EXC, I_EXC, P_EXC}, {C_ENDPOINT, I_ENDPOINT, P_ENDPOINT},
        };
        double dlo = 0, dhi = 0;
        for (Py_ssize_t i = 0; i < n; i++) {
            int32_t ci, sid, mid = -1;
            PyObject *s = sev[i], *t = ts[i], *v;
            Py_ssize_t before = ik->n;
            if ((ci = intern(ik, kk[i], i)) < 0)
                goto out;
            if (ik->n != before)
                traces[ci] = 0;
            row_ci[i] = ci;
            if (s == Py_None || (PyUnicode_Check(s) && PyUnicode_GET_LENGTH(s) == 0))
                s = s_default;
            else if (!PyUnicode_Check(s)) {
                result = Py_NewRef(Py_False);
                goto out;
            }
            before = isev->n;
            if ((sid = intern(isev, s, i)) < 0)
                goto out;
            if (isev->n != before) {
                PyObject *rank = PyDict_GetItemWithError(severity_rank, s);
                int err;
                if (rank == NULL && PyErr_Occurred())
                    goto out;
                if (rank == NULL) {
                    PyObject *zero = PyLong_FromLong(0);
                    err = zero ? PyObject_RichCompareBool(zero, error_rank, Py_GE) : -1;
                    Py_XDECREF(zero);
                } else {
                    err = PyObject_RichCompareBool(rank, error_rank, Py_GE);
                }
                if (err < 0)
                    goto out;
                sev_error[sid] = (char)err;
            }
            pairs_add(&pairs[P_SEV], PAIR(ci, sid), i);
            if (t != Py_None) {
                int64_t m;
                double x;
                Py_ssize_t mb = pairs[P_MINUTE].n;
                if (!PyFloat_CheckExact(t) || !isfinite(x = PyFloat_AS_DOUBLE(t)) || minute_of_float(x, &m) < 0) {
                    result = Py_NewRef(Py_False);
                    goto out;
                }
                mid = pairs_add(&pairs[P_MINUTE], (uint64_t)m, i);
                if (pairs[P_MINUTE].n != mb)
                    minute_of[mid] = m;
                if (sev_error[sid])
                    pairs_add(&pairs[P_ERRMIN], (uint64_t)m, i);
                pairs_add(&pairs[P_TIMELINE], PAIR(ci, mid), i);
                if (lo == NULL || x < dlo) /* min(): the first of the smallest */
                    lo = t, dlo = x;
                if (hi == NULL || x > dhi)
                    hi = t, dhi = x;
            }
            for (size_t c = 0; c < sizeof(valued) / sizeof(valued[0]); c++) {
                int b;
                int32_t vid;
                v = PySequence_Fast_GET_ITEM(cols[valued[c].col], i);
                if ((b = truthy(v)) < 0)
                    goto out;
                if (b) {
                    if ((vid = intern(&interns[valued[c].in], v, i)) < 0)
                        goto out;
                    pairs_add(&pairs[valued[c].pr], PAIR(ci, vid), i);
                }
            }
            if (status[i] != Py_None) {
                int32_t vid = intern(&interns[I_STATUS], status[i], i);
                if (vid < 0)
                    goto out;
                pairs_add(&pairs[P_STATUS], PAIR(ci, vid), i);
            }
            {
                int b = truthy(trace[i]);
                if (b < 0)
                    goto out;
                traces[ci] += b;
            }
            if (lat[i] != Py_None) {
                if (!PyFloat_CheckExact(lat[i])) {
                    result = Py_NewRef(Py_False);
                    goto out;
                }
                has_lat = 1;
            }
            if (!has_frames && frames[i] != Py_None) {
                int b = PyObject_IsTrue(frames[i]);
                if (b < 0)
                    goto out;
                has_frames = b;
            }
        }
    }

    /* pass 2: into the miner, in the order of the Python reference */
    bs = PyObject_GetAttr(miner, a_by_severity);
    tl = bs ? PyObject_GetAttr(miner, a_timeline) : NULL;
    etl = tl ? PyObject_GetAttr(miner, a_error_timeline) : NULL;
    if (etl == NULL)
        goto out;
    if (!PyDict_Check(bs) || !PyDict_Check(tl) || !PyDict_Check(etl)) {
        PyErr_SetString(PyExc_TypeError, "miner tables are not dicts");
        goto out;
    }
    ncl = ik->n;
    acc = PyMem_Calloc((size_t)ncl, sizeof(PyObject *));
    if (acc == NULL) {
        PyErr_NoMemory();
        goto out;
    }
    for (Py_ssize_t c = 0; c < ncl; c++) { /* new clusters in order of first occurrence */
        PyObject *k = ik->obj[c], *a = PyDict_GetItemWithError(accs, k);
        if (a != NULL) {
            Py_INCREF(a);
        } else {
            if (PyErr_Occurred() || (a = PyObject_CallNoArgs((PyObject *)acc_type)) == NULL)
                goto out;
            if (PyDict_SetItem(accs, k, a) < 0) {
                Py_DECREF(a);
                goto out;
            }
        }
        acc[c] = a;
        if (Py_TYPE(a) != acc_type) {
            PyErr_SetString(PyExc_TypeError, "accs holds something other than _Acc");
            goto out;
        }
    }
    {
        PyObject *m, *tot, *nn = PyLong_FromSsize_t(n);
        int rc;
        /* self.total += n */
        if (nn == NULL || (tot = PyObject_GetAttr(miner, a_total)) == NULL) {
            Py_XDECREF(nn);
            goto out;
        }
        Py_SETREF(tot, PyNumber_InPlaceAdd(tot, nn));
        Py_DECREF(nn);
        rc = tot ? PyObject_SetAttr(miner, a_total, tot) : -1;
        Py_XDECREF(tot);
        if (rc < 0)
            goto out;
        /* counts, severities, timelines */
        for (Py_ssize_t c = 0; c < ncl; c++)
            if (slot_add(acc[c], o_count, ik->count[c]) < 0)
                goto out;
        for (Py_ssize_t i = 0; i < pairs[P_SEV].n; i++) {
            PyObject *d = dict_slot(acc[PAIR_A(pairs[P_SEV].key[i])], o_by_severity);
            if (d == NULL || dict_add(d, severity_at(cols[C_SEV], pairs[P_SEV].first[i]), pairs[P_SEV].count[i], -1) < 0)
                goto out;
        }
        for (Py_ssize_t i = 0; i < isev->n; i++)
            if (dict_add(bs, isev->obj[i], isev->count[i], -1) < 0)
                goto out;
        if (add_minutes(tl, &pairs[P_MINUTE]) < 0 || add_minutes(etl, &pairs[P_ERRMIN]) < 0)
            goto out;
        for (Py_ssize_t i = 0; i < pairs[P_TIMELINE].n; i++) {
            uint64_t k = pairs[P_TIMELINE].key[i];
            PyObject *d = dict_slot(acc[PAIR_A(k)], o_timeline);
            int rc;
            if (d == NULL || (m = PyLong_FromLongLong((long long)minute_of[(uint32_t)k])) == NULL)
                goto out;
            rc = dict_add(d, m, pairs[P_TIMELINE].count[i], -1);
            Py_DECREF(m);
            if (rc < 0)
                goto out;
        }
    }
    /* services, revisions and streams (first-come caps) */
    if (merge_pairs(acc, &pairs[P_SVC], cols[C_SVC], o_services, max_services) < 0
        || merge_pairs(acc, &pairs[P_REV], cols[C_REV], o_revisions, max_revisions) < 0
        || merge_pairs(acc, &pairs[P_STREAM], cols[C_STREAM], o_streams, max_streams) < 0)
        goto out;
    /* distinct instances, as hash(instance), while the set has room */
    for (Py_ssize_t i = 0; i < pairs[P_INST].n; i++) {
        PyObject *s = get_slot(acc[PAIR_A(pairs[P_INST].key[i])], o_instances), *h;
        Py_hash_t hv;
        int rc;
        if (s == NULL)
            goto out;
        if (!PySet_Check(s)) {
            PyErr_SetString(PyExc_TypeError, "_Acc.instances is not a set");
            goto out;
        }
        if (PySet_GET_SIZE(s) >= max_instances)
            continue;
        hv = PyObject_Hash(PySequence_Fast_GET_ITEM(cols[C_INST], pairs[P_INST].first[i]));
        if (hv == -1 && PyErr_Occurred())
            goto out;
        if ((h = PyLong_FromSsize_t(hv)) == NULL)
            goto out;
        rc = PySet_Add(s, h);
        Py_DECREF(h);
        if (rc < 0)
            goto out;
    }
    for (Py_ssize_t c = 0; c < ncl; c++)
        if (traces[c] && slot_add(acc[c], o_traces, traces[c]) < 0)
            goto out;
    if (merge_pairs(acc, &pairs[P_EXC], cols[C_EXC], o_exceptions, max_exceptions) < 0
        || merge_pairs(acc, &pairs[P_ENDPOINT], cols[C_ENDPOINT], o_endpoints, endpoint_track) < 0
        || merge_pairs(acc, &pairs[P_STATUS], cols[C_STATUS], o_http, -1) < 0)
        goto out;
    if (has_frames) { /* the first stack of each cluster */
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *f = PySequence_Fast_GET_ITEM(cols[C_FRAMES], i), *a = acc[row_ci[i]], *st;
            int b = truthy(f);
            if (b < 0)
                goto out;
            if (!b)
                continue;
            if ((st = get_slot(a, o_stack)) == NULL || (b = PyObject_IsTrue(st)) < 0)
                goto out;
            if (!b) {
                PyObject *tup = PySequence_Tuple(f);
                if (tup == NULL)
                    goto out;
                put_slot(a, o_stack, tup);
            }
        }
    }
    if (has_lat) {
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *v = PySequence_Fast_GET_ITEM(cols[C_LAT], i);
            if (v != Py_None && add_latency(acc[row_ci[i]], v) < 0)
                goto out;
        }
    }
    if (lo != NULL && (window(miner, a_window_start, lo, Py_LT) < 0 || window(miner, a_window_end, hi, Py_GT) < 0))
        goto out;
    result = Py_NewRef(Py_True);
out:
    if (acc != NULL) {
        for (Py_ssize_t c = 0; c < ncl; c++)
            Py_XDECREF(acc[c]);
        PyMem_Free(acc);
    }
    for (int c = 0; c < NCOLS; c++)
        Py_XDECREF(cols[c]);
    Py_XDECREF(cl);
    Py_XDECREF(kl);
    Py_XDECREF(bs);
    Py_XDECREF(tl);
    Py_XDECREF(etl);
    return result;
}

static PyObject *
batch(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *r;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "batch(miner, accs, keys, cols)");
        return NULL;
    }
    if (busy) /* re-entered from a callback: the tables are in use */
        Py_RETURN_FALSE;
    busy = 1;
    r = batch_impl(args[0], args[1], args[2], args[3]);
    busy = 0;
    return r;
}

static PyObject *
configure(PyObject *self, PyObject *args)
{
    PyObject *cls, *rank, *err, *th, *lb, *arr;
    Py_ssize_t ms, mr, mst, me, et, mi, le;
    if (!PyArg_ParseTuple(args, "O!O!OnnnnnnnOOO", &PyType_Type, &cls, &PyDict_Type, &rank, &err, &ms, &mr, &mst,
                          &me, &et, &mi, &le, &th, &lb, &arr))
        return NULL;
    if (slot_offset(cls, "count", &o_count) < 0 || slot_offset(cls, "by_severity", &o_by_severity) < 0
        || slot_offset(cls, "services", &o_services) < 0 || slot_offset(cls, "revisions", &o_revisions) < 0
        || slot_offset(cls, "streams", &o_streams) < 0 || slot_offset(cls, "timeline", &o_timeline) < 0
        || slot_offset(cls, "exceptions", &o_exceptions) < 0 || slot_offset(cls, "stack", &o_stack) < 0
        || slot_offset(cls, "http", &o_http) < 0 || slot_offset(cls, "endpoints", &o_endpoints) < 0
        || slot_offset(cls, "lat", &o_lat) < 0 || slot_offset(cls, "lat_n", &o_lat_n) < 0
        || slot_offset(cls, "lat_max", &o_lat_max) < 0 || slot_offset(cls, "lat_hist", &o_lat_hist) < 0
        || slot_offset(cls, "instances", &o_instances) < 0 || slot_offset(cls, "traces", &o_traces) < 0)
        return NULL;
    Py_XSETREF(acc_type, (PyTypeObject *)Py_NewRef(cls));
    Py_XSETREF(severity_rank, Py_NewRef(rank));
    Py_XSETREF(error_rank, Py_NewRef(err));
    Py_XSETREF(to_hist, Py_NewRef(th));
    Py_XSETREF(lat_bucket, Py_NewRef(lb));
    Py_XSETREF(array_type, Py_NewRef(arr));
    max_services = ms;
    max_revisions = mr;
    max_streams = mst;
    max_exceptions = me;
    endpoint_track = et;
    max_instances = mi;
    latency_exact = le;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"batch", (PyCFunction)(void (*)(void))batch, METH_FASTCALL,
     "batch(miner, accs, keys, cols) -> bool: stats._Miner._batch_py; False (nothing done) when the batch "
     "needs the Python reference"},
    {"configure", configure, METH_VARARGS,
     "configure(acc_class, severity_rank, error_rank, max_services, max_revisions, max_streams, max_exceptions, "
     "endpoint_track, max_instances, latency_exact, to_hist, lat_bucket, array_type)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_fastbatch", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC
PyInit__fastbatch(void)
{
    if ((s_default = PyUnicode_InternFromString("DEFAULT")) == NULL || (s_d = PyUnicode_FromString("d")) == NULL
        || (s_append = PyUnicode_InternFromString("append")) == NULL
        || (a_window_start = PyUnicode_InternFromString("window_start")) == NULL
        || (a_window_end = PyUnicode_InternFromString("window_end")) == NULL
        || (a_total = PyUnicode_InternFromString("total")) == NULL
        || (a_by_severity = PyUnicode_InternFromString("by_severity")) == NULL
        || (a_timeline = PyUnicode_InternFromString("timeline")) == NULL
        || (a_error_timeline = PyUnicode_InternFromString("error_timeline")) == NULL)
        return NULL;
    return PyModule_Create(&module);
}
