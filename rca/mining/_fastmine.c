/* Optional C accelerators for mining, each with a Python reference that tests compare it with:
 *
 * keys(): TemplateMiner.add_batch's loop over the masked messages: the two-generation
 * masked-message cache, in C; the drain tree only through TemplateMiner._drain_new, in Python.
 *
 * mask_parts(): the token loop of rca.mining.masking.Masker.tokens (caches, digit shapes, the
 * UUID / long-hex / path shapes) in C; every token those do not settle is masked by the Python
 * rules (`mask_token`), so the rules exist once, in Python.
 *
 * masked_text(): " ".join(Masker.tokens(message, limit)), scanning the message in place and
 * looking ASCII tokens up by their bytes in a token table of its own (`token_table`): no str per
 * token, no list, no join for the common message (the others go through Masker.tokens).
 *
 * records(): rca.mining.stats._Miner._records_py, the per-record part of mining
 * statistics (first/last seen, the first time of each revision, instance/trace links, sample
 * reservoirs, parameter messages), which depends on the order of the stream record by record
 * and so cannot be counted per batch like the rest; its instance / trace link tables are
 * `LinkTable`s, an LRU table in C (an OrderedDict in the reference).
 *
 * Why: it was the largest share of the (single, ordered) parent process's time. The Python method
 * stays the reference; tests compare the whole miner state after both on the incidents, generated
 * logs and tiny table limits that force every pruning path. Same random draws, in the same order,
 * from the miner's own random.Random.
 *
 * Configured once by rca.mining.stats (`configure`) with the _Acc class and the table limits.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include "_acc_slots.h"
#include <math.h>

static PyTypeObject *acc_type;
/* slot offsets in an _Acc */
static Py_ssize_t o_first_ts, o_last_ts, o_first_index, o_first_msg, o_samples, o_seen, o_next_sample,
    o_messages;
static double link_window;
static Py_ssize_t max_pair_state, link_lru, max_samples, sample_chars, message_key_chars, max_messages;
static PyObject *one; /* the int 1 */
static PyObject *s_instance, *s_trace, *a_revisions_first, *a_last_by_instance, *a_last_by_trace, *a_pairs,
    *a_rng, *a_getrandbits, *a_prune_pairs, *a_masked_cache,
    *a_drain_new, *a_size, *a_new, *a_old;

#define SLOT(obj, off) (*(PyObject **)((char *)(obj) + (off)))

/* obj.<slot> = value (a new reference is taken) */
static inline void
set_slot(PyObject *obj, Py_ssize_t off, PyObject *value)
{
    PyObject *old = SLOT(obj, off);
    SLOT(obj, off) = Py_NewRef(value);
    Py_XDECREF(old);
}

static inline PyObject *
get_slot(PyObject *obj, Py_ssize_t off, const char *name)
{
    PyObject *v = SLOT(obj, off);
    if (v == NULL)
        PyErr_Format(PyExc_AttributeError, "_Acc.%s is not set", name);
    return v;
}

/* a < b for the timestamps and times the code compares (floats, or anything comparable) */
static inline int
less(PyObject *a, PyObject *b)
{
    if (PyFloat_CheckExact(a) && PyFloat_CheckExact(b))
        return PyFloat_AS_DOUBLE(a) < PyFloat_AS_DOUBLE(b);
    return PyObject_RichCompareBool(a, b, Py_LT);
}

/* obj.<slot> = t when the slot is None or t is lower (lowest) / higher (else) than it:
 * `first_ts` and `last_ts`. 0, or -1 with an exception set. */
static int
keep_extreme(PyObject *obj, Py_ssize_t off, const char *name, PyObject *t, int lowest)
{
    PyObject *cur = get_slot(obj, off, name);
    int b;
    if (cur == NULL)
        return -1;
    b = cur == Py_None ? 1 : lowest ? less(t, cur) : less(cur, t);
    if (b > 0)
        set_slot(obj, off, t);
    return b < 0 ? -1 : 0;
}

/* rng.getrandbits(nb) drawn until below `limit` (random.Random.randrange's rejection loop). */
static long long
draw_below(PyObject *getrandbits, long long limit)
{
    int nb = 0;
    for (unsigned long long v = (unsigned long long)limit; v; v >>= 1)
        nb++;
    PyObject *bits = PyLong_FromLong(nb);
    if (bits == NULL)
        return -1;
    for (;;) {
        PyObject *r = PyObject_CallOneArg(getrandbits, bits);
        long long x;
        if (r == NULL) {
            Py_DECREF(bits);
            return -1;
        }
        x = PyLong_AsLongLong(r);
        Py_DECREF(r);
        if (x == -1 && PyErr_Occurred()) {
            Py_DECREF(bits);
            return -1;
        }
        if (x < limit) {
            Py_DECREF(bits);
            return x;
        }
    }
}

/* Count the pair (previous key, key, via) when the keys differ and the times are within the link
 * window (the first half of stats._Miner._link). 0, or -1 with an exception set. */
static int
link_pair(PyObject *miner, PyObject *pt, PyObject *pk, PyObject *t, PyObject *k, PyObject *via, PyObject **pairs)
{
    int differ, near;
    differ = PyObject_RichCompareBool(pk, k, Py_NE);
    if (differ < 0)
        return -1;
    near = 0;
    if (differ) {
        if (PyFloat_CheckExact(t) && PyFloat_CheckExact(pt)) {
            near = fabs(PyFloat_AS_DOUBLE(t) - PyFloat_AS_DOUBLE(pt)) <= link_window;
        } else {
            PyObject *d = PyNumber_Subtract(t, pt), *ad, *w;
            if (d == NULL)
                return -1;
            ad = PyNumber_Absolute(d);
            Py_DECREF(d);
            if (ad == NULL)
                return -1;
            w = PyFloat_FromDouble(link_window);
            near = w ? PyObject_RichCompareBool(ad, w, Py_LE) : -1;
            Py_XDECREF(w);
            Py_DECREF(ad);
            if (near < 0)
                return -1;
        }
    }
    if (differ && near) {
        /* pair = (pk, k, via) if pt <= t else (k, pk, via) */
        int le = (PyFloat_CheckExact(t) && PyFloat_CheckExact(pt))
                     ? PyFloat_AS_DOUBLE(pt) <= PyFloat_AS_DOUBLE(t)
                     : PyObject_RichCompareBool(pt, t, Py_LE);
        PyObject *pair, *c;
        if (le < 0)
            return -1;
        pair = le ? PyTuple_Pack(3, pk, k, via) : PyTuple_Pack(3, k, pk, via);
        if (pair == NULL)
            return -1;
        c = PyDict_GetItemWithError(*pairs, pair);
        if (c != NULL) {
            PyObject *c1 = PyNumber_Add(c, one);
            int rc = c1 ? PyDict_SetItem(*pairs, pair, c1) : -1;
            Py_XDECREF(c1);
            Py_DECREF(pair);
            if (rc < 0)
                return -1;
        } else {
            int rc;
            if (PyErr_Occurred()) {
                Py_DECREF(pair);
                return -1;
            }
            if (PyDict_GET_SIZE(*pairs) >= max_pair_state) {
                PyObject *res = PyObject_CallMethodNoArgs(miner, a_prune_pairs);
                if (res == NULL) {
                    Py_DECREF(pair);
                    return -1;
                }
                Py_DECREF(res);
                Py_SETREF(*pairs, PyObject_GetAttr(miner, a_pairs));
                if (*pairs == NULL || !PyDict_Check(*pairs)) {
                    Py_DECREF(pair);
                    if (*pairs != NULL)
                        PyErr_SetString(PyExc_TypeError, "pairs is not a dict");
                    return -1;
                }
            }
            rc = PyDict_SetItem(*pairs, pair, one);
            Py_DECREF(pair);
            if (rc < 0)
                return -1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------------------ link tables
 * LinkTable: the last (time, key) of each instance / trace, least recently seen first, at most
 * `link_lru` of them (stats._Miner.last_by_instance / last_by_trace). The reference is an
 * OrderedDict (get, move_to_end, assignment, popitem(last=False)); that cost the parent ~0.9 µs a
 * record (two lookups, a node, a tuple, an eviction). Here: one array of nodes, an open-addressing
 * index (linear probing, backward-shift deletion: no tombstones) and a doubly linked recency list.
 * From Python it offers len() and items() (in recency order), for tests and inspection. It holds
 * only what rows hold (str idents, float times, int keys): no reference cycles, so no GC support.
 */
typedef struct {
    PyObject *ident, *t, *k; /* ident NULL: a free node */
    Py_hash_t hash;
    Py_ssize_t prev, next; /* recency list, -1 at its ends; `next` chains the free nodes */
} LNode;

typedef struct {
    PyObject_HEAD
    LNode *nodes;
    Py_ssize_t *slots; /* node index, -1: empty */
    Py_ssize_t mask, used, cap, count, head, tail, free;
} LinkTable;

static PyTypeObject LinkTable_Type;

static PyObject *
lt_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    LinkTable *lt;
    if (PyTuple_GET_SIZE(args) > 0 || (kwds != NULL && PyDict_GET_SIZE(kwds) > 0)) {
        PyErr_SetString(PyExc_TypeError, "LinkTable() takes no arguments");
        return NULL;
    }
    lt = (LinkTable *)type->tp_alloc(type, 0);
    if (lt == NULL)
        return NULL;
    lt->slots = PyMem_Malloc(8 * sizeof(Py_ssize_t));
    if (lt->slots == NULL) {
        Py_DECREF(lt);
        return PyErr_NoMemory();
    }
    for (int i = 0; i < 8; i++)
        lt->slots[i] = -1;
    lt->mask = 7;
    lt->head = lt->tail = lt->free = -1;
    return (PyObject *)lt;
}

static void
lt_dealloc(LinkTable *lt)
{
    for (Py_ssize_t i = 0; i < lt->used; i++) {
        if (lt->nodes[i].ident != NULL) {
            Py_DECREF(lt->nodes[i].ident);
            Py_DECREF(lt->nodes[i].t);
            Py_DECREF(lt->nodes[i].k);
        }
    }
    PyMem_Free(lt->nodes);
    PyMem_Free(lt->slots);
    Py_TYPE(lt)->tp_free((PyObject *)lt);
}

/* The node of `ident` (>= 0), -1 when there is none (*slot: where it would go), -2 on an error. */
static Py_ssize_t
lt_find(LinkTable *lt, PyObject *ident, Py_hash_t h, Py_ssize_t *slot)
{
    Py_ssize_t s = (Py_ssize_t)((size_t)h & (size_t)lt->mask);
    for (;; s = (s + 1) & lt->mask) {
        Py_ssize_t i = lt->slots[s];
        LNode *nd;
        if (i < 0) {
            *slot = s;
            return -1;
        }
        nd = &lt->nodes[i];
        if (nd->ident == ident)
            return i;
        if (nd->hash != h)
            continue;
        if (PyUnicode_CheckExact(ident) && PyUnicode_CheckExact(nd->ident)) {
            if (PyUnicode_GET_LENGTH(ident) == PyUnicode_GET_LENGTH(nd->ident)
                && PyUnicode_KIND(ident) == PyUnicode_KIND(nd->ident)
                && memcmp(PyUnicode_DATA(ident), PyUnicode_DATA(nd->ident),
                          PyUnicode_GET_LENGTH(ident) * PyUnicode_KIND(ident)) == 0)
                return i;
        } else {
            PyObject *other = Py_NewRef(nd->ident);
            int eq = PyObject_RichCompareBool(other, ident, Py_EQ); /* may run Python code */
            Py_DECREF(other);
            if (eq < 0)
                return -2;
            if (eq) /* the table is as it was: only str, float and int are stored by records() */
                return i;
        }
    }
}

/* Double the index (when half full), placing every node again. */
static int
lt_grow(LinkTable *lt)
{
    Py_ssize_t size = 2 * (lt->mask + 1), *slots = PyMem_Malloc(size * sizeof(Py_ssize_t));
    if (slots == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t s = 0; s < size; s++)
        slots[s] = -1;
    for (Py_ssize_t i = lt->head; i >= 0; i = lt->nodes[i].next) {
        Py_ssize_t s = (Py_ssize_t)((size_t)lt->nodes[i].hash & (size_t)(size - 1));
        while (slots[s] >= 0)
            s = (s + 1) & (size - 1);
        slots[s] = i;
    }
    PyMem_Free(lt->slots);
    lt->slots = slots;
    lt->mask = size - 1;
    return 0;
}

static void
lt_unlink(LinkTable *lt, Py_ssize_t i)
{
    LNode *nd = &lt->nodes[i];
    if (nd->prev >= 0)
        lt->nodes[nd->prev].next = nd->next;
    else
        lt->head = nd->next;
    if (nd->next >= 0)
        lt->nodes[nd->next].prev = nd->prev;
    else
        lt->tail = nd->prev;
}

static void
lt_append(LinkTable *lt, Py_ssize_t i)
{
    LNode *nd = &lt->nodes[i];
    nd->prev = lt->tail;
    nd->next = -1;
    if (lt->tail >= 0)
        lt->nodes[lt->tail].next = i;
    else
        lt->head = i;
    lt->tail = i;
}

/* A new last node ident -> (t, k). 0, or -1 with an exception set. */
static int
lt_insert(LinkTable *lt, PyObject *ident, Py_hash_t h, Py_ssize_t slot, PyObject *t, PyObject *k)
{
    Py_ssize_t i;
    if (2 * (lt->count + 1) > lt->mask + 1) {
        if (lt_grow(lt) < 0)
            return -1;
        slot = (Py_ssize_t)((size_t)h & (size_t)lt->mask);
        while (lt->slots[slot] >= 0)
            slot = (slot + 1) & lt->mask;
    }
    if (lt->free >= 0) {
        i = lt->free;
        lt->free = lt->nodes[i].next;
    } else {
        if (lt->used == lt->cap) {
            Py_ssize_t cap = lt->cap ? 2 * lt->cap : 16;
            LNode *nodes = PyMem_Realloc(lt->nodes, cap * sizeof(LNode));
            if (nodes == NULL) {
                PyErr_NoMemory();
                return -1;
            }
            lt->nodes = nodes;
            lt->cap = cap;
        }
        i = lt->used++;
    }
    lt->nodes[i].ident = Py_NewRef(ident);
    lt->nodes[i].t = Py_NewRef(t);
    lt->nodes[i].k = Py_NewRef(k);
    lt->nodes[i].hash = h;
    lt->slots[slot] = i;
    lt_append(lt, i);
    lt->count++;
    return 0;
}

/* Remove the first (least recently seen) node. */
static void
lt_pop_first(LinkTable *lt)
{
    Py_ssize_t i = lt->head, s, j;
    LNode *nd = &lt->nodes[i];
    s = (Py_ssize_t)((size_t)nd->hash & (size_t)lt->mask);
    while (lt->slots[s] != i)
        s = (s + 1) & lt->mask;
    /* backward-shift deletion: move later entries of the probe run into the hole when their home
     * slot does not lie (cyclically) after the hole */
    for (j = (s + 1) & lt->mask; lt->slots[j] >= 0; j = (j + 1) & lt->mask) {
        Py_ssize_t home = (Py_ssize_t)((size_t)lt->nodes[lt->slots[j]].hash & (size_t)lt->mask);
        if (((j - home) & lt->mask) >= ((j - s) & lt->mask)) {
            lt->slots[s] = lt->slots[j];
            s = j;
        }
    }
    lt->slots[s] = -1;
    lt_unlink(lt, i);
    Py_CLEAR(nd->ident);
    Py_CLEAR(nd->t);
    Py_CLEAR(nd->k);
    nd->next = lt->free;
    lt->free = i;
    lt->count--;
}

static Py_ssize_t
lt_length(LinkTable *lt)
{
    return lt->count;
}

static PyObject *
lt_items(LinkTable *lt, PyObject *Py_UNUSED(ignored))
{
    PyObject *out = PyList_New(lt->count);
    Py_ssize_t n = 0;
    if (out == NULL)
        return NULL;
    for (Py_ssize_t i = lt->head; i >= 0; i = lt->nodes[i].next) {
        LNode *nd = &lt->nodes[i];
        PyObject *item = Py_BuildValue("(O(OO))", nd->ident, nd->t, nd->k);
        if (item == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, n++, item);
    }
    return out;
}

static PyMethodDef lt_methods[] = {
    {"items", (PyCFunction)lt_items, METH_NOARGS, "items(): [(ident, (time, key))], least recently seen first."},
    {NULL, NULL, 0, NULL},
};

static PyMappingMethods lt_as_mapping = {(lenfunc)lt_length, NULL, NULL};

static PyTypeObject LinkTable_Type = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "rca.mining._fastmine.LinkTable",
    .tp_basicsize = sizeof(LinkTable),
    .tp_dealloc = (destructor)lt_dealloc,
    .tp_as_mapping = &lt_as_mapping,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "LinkTable(): the LRU table of (time, key) by instance or trace that records() keeps.",
    .tp_methods = lt_methods,
    .tp_new = lt_new,
};

/* The link from the previous record of this instance / trace (stats._Miner._link).
 * Returns 0, or -1 with an exception set. `pairs` may be replaced (pruning). */
static int
link_from_previous(PyObject *miner, LinkTable *lt, PyObject *ident, PyObject *t, PyObject *k, PyObject *via,
                   PyObject **pairs)
{
    Py_hash_t h = PyObject_Hash(ident);
    Py_ssize_t slot, i;
    if (h == -1)
        return -1;
    i = lt_find(lt, ident, h, &slot);
    if (i == -2)
        return -1;
    if (i >= 0) {
        PyObject *pt = Py_NewRef(lt->nodes[i].t), *pk = Py_NewRef(lt->nodes[i].k);
        int rc = link_pair(miner, pt, pk, t, k, via, pairs);
        Py_DECREF(pt);
        Py_DECREF(pk);
        if (rc < 0)
            return -1;
        /* move_to_end, then the new value; `i` still names the node (pruning pairs runs Python
         * code, which never reaches this table: it is records()' own) */
        lt_unlink(lt, i);
        lt_append(lt, i);
        Py_SETREF(lt->nodes[i].t, Py_NewRef(t));
        Py_SETREF(lt->nodes[i].k, Py_NewRef(k));
    } else if (lt_insert(lt, ident, h, slot, t, k) < 0) {
        return -1;
    }
    if (lt->count > link_lru)
        lt_pop_first(lt);
    return 0;
}

/* The sample text of m when it is neither the first message nor already a sample (a new
 * reference), None (a new reference) when it is one of those, NULL with an exception set. */
static PyObject *
new_sample(PyObject *m, PyObject *first_msg, PyObject *samples)
{
    PyObject *sm = PyUnicode_Substring(m, 0, sample_chars);
    int ne, in;
    if (sm == NULL)
        return NULL;
    ne = PyObject_RichCompareBool(sm, first_msg, Py_NE);
    in = ne > 0 ? PySequence_Contains(samples, sm) : 0;
    if (ne < 0 || in < 0) {
        Py_DECREF(sm);
        return NULL;
    }
    if (ne == 0 || in) {
        Py_DECREF(sm);
        return Py_NewRef(Py_None);
    }
    return sm;
}

/* The first message, then a reservoir of distinct others (stats._Miner._records_py). */
static int
sample(PyObject *a, PyObject *m, Py_ssize_t index, PyObject *getrandbits)
{
    PyObject *fi = get_slot(a, o_first_index, "first_index"), *seen_o, *samples, *first_msg;
    long long seen, next;
    Py_ssize_t fi_v;
    if (fi == NULL)
        return -1;
    fi_v = PyLong_AsSsize_t(fi);
    if (fi_v == -1 && PyErr_Occurred())
        return -1;
    if (fi_v < 0) {
        PyObject *idx = PyLong_FromSsize_t(index), *sm;
        if (idx == NULL)
            return -1;
        set_slot(a, o_first_index, idx);
        Py_DECREF(idx);
        sm = PyUnicode_Substring(m, 0, sample_chars);
        if (sm == NULL)
            return -1;
        set_slot(a, o_first_msg, sm);
        Py_DECREF(sm);
        return 0;
    }
    seen_o = get_slot(a, o_seen, "seen");
    if (seen_o == NULL)
        return -1;
    seen = PyLong_AsLongLong(seen_o);
    if (seen == -1 && PyErr_Occurred())
        return -1;
    seen += 1;
    seen_o = PyLong_FromLongLong(seen);
    if (seen_o == NULL)
        return -1;
    set_slot(a, o_seen, seen_o);
    Py_DECREF(seen_o);
    samples = get_slot(a, o_samples, "samples");
    first_msg = get_slot(a, o_first_msg, "first_msg");
    if (samples == NULL || first_msg == NULL)
        return -1;
    if (!PyList_Check(samples)) {
        PyErr_SetString(PyExc_TypeError, "_Acc.samples is not a list");
        return -1;
    }
    if (PyList_GET_SIZE(samples) < max_samples - 1) {
        PyObject *sm = new_sample(m, first_msg, samples);
        int rc = (sm == NULL || (sm != Py_None && PyList_Append(samples, sm) < 0)) ? -1 : 0;
        Py_XDECREF(sm);
        return rc;
    }
    {
        PyObject *ns = get_slot(a, o_next_sample, "next_sample");
        if (ns == NULL)
            return -1;
        next = PyLong_AsLongLong(ns);
        if (next == -1 && PyErr_Occurred())
            return -1;
    }
    if (seen >= next) {
        long long j = draw_below(getrandbits, seen), span, x;
        PyObject *nso;
        if (j < 0)
            return -1;
        if (j < max_samples - 1) {
            PyObject *sm = new_sample(m, first_msg, samples);
            if (sm == NULL)
                return -1;
            if (sm == Py_None) {
                Py_DECREF(sm);
            } else if (j >= PyList_GET_SIZE(samples)) {
                Py_DECREF(sm);
                PyErr_SetString(PyExc_IndexError, "list assignment index out of range");
                return -1;
            } else {
                PyList_SetItem(samples, (Py_ssize_t)j, sm); /* steals sm */
            }
        }
        span = 1 + seen / (4 * max_samples);
        x = draw_below(getrandbits, span);
        if (x < 0)
            return -1;
        nso = PyLong_FromLongLong(seen + 1 + x);
        if (nso == NULL)
            return -1;
        set_slot(a, o_next_sample, nso);
        Py_DECREF(nso);
    }
    return 0;
}

/* Count the message (its first MESSAGE_KEY_CHARS) for parameter values, first come first kept. */
static int
count_message(PyObject *a, PyObject *m)
{
    PyObject *d = get_slot(a, o_messages, "messages"), *mk, *c;
    int rc = 0;
    if (d == NULL)
        return -1;
    if (!PyDict_CheckExact(d)) {
        PyErr_SetString(PyExc_TypeError, "_Acc.messages is not a dict");
        return -1;
    }
    mk = PyUnicode_GET_LENGTH(m) <= message_key_chars ? Py_NewRef(m) : PyUnicode_Substring(m, 0, message_key_chars);
    if (mk == NULL)
        return -1;
    c = PyDict_GetItemWithError(d, mk);
    if (c != NULL) {
        PyObject *c1 = PyNumber_Add(c, one);
        rc = c1 ? PyDict_SetItem(d, mk, c1) : -1;
        Py_XDECREF(c1);
    } else if (PyErr_Occurred()) {
        rc = -1;
    } else if (PyDict_GET_SIZE(d) < max_messages) {
        rc = PyDict_SetItem(d, mk, one);
    }
    Py_DECREF(mk);
    return rc;
}

static PyObject *
records(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *miner, *accs, *cols[6], *iters[6] = {0}, *revisions_first = NULL, *by_instance = NULL,
        *by_trace = NULL, *pairs = NULL, *rng = NULL, *getrandbits = NULL, *result = NULL;
    Py_ssize_t index, n = -1;
    if (nargs != 9) {
        PyErr_SetString(PyExc_TypeError, "records(miner, accs, keys, ts, msg, rev, inst, trace, start)");
        return NULL;
    }
    if (acc_type == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "_fastmine is not configured");
        return NULL;
    }
    miner = args[0];
    accs = args[1];
    for (int c = 0; c < 6; c++) {
        cols[c] = PySequence_Fast(args[2 + c], "columns must be sequences");
        if (cols[c] == NULL)
            goto out;
        iters[c] = cols[c];
        if (n < 0 || PySequence_Fast_GET_SIZE(cols[c]) < n)
            n = PySequence_Fast_GET_SIZE(cols[c]); /* zip(): the shortest column */
    }
    index = PyLong_AsSsize_t(args[8]);
    if (index == -1 && PyErr_Occurred())
        goto out;
    if (!PyDict_Check(accs)) {
        PyErr_SetString(PyExc_TypeError, "accs is not a dict");
        goto out;
    }
    revisions_first = PyObject_GetAttr(miner, a_revisions_first);
    by_instance = PyObject_GetAttr(miner, a_last_by_instance);
    by_trace = PyObject_GetAttr(miner, a_last_by_trace);
    pairs = PyObject_GetAttr(miner, a_pairs);
    rng = PyObject_GetAttr(miner, a_rng);
    getrandbits = rng ? PyObject_GetAttr(rng, a_getrandbits) : NULL;
    if (getrandbits == NULL || revisions_first == NULL || by_instance == NULL || by_trace == NULL || pairs == NULL)
        goto out;
    if (!PyDict_Check(revisions_first) || !PyDict_Check(pairs)) {
        PyErr_SetString(PyExc_TypeError, "miner tables are not dicts");
        goto out;
    }
    if (Py_TYPE(by_instance) != &LinkTable_Type || Py_TYPE(by_trace) != &LinkTable_Type) {
        PyErr_SetString(PyExc_TypeError, "the miner's link tables are not LinkTables");
        goto out;
    }
    for (Py_ssize_t i = 0; i < n; i++, index++) {
        PyObject *k = PySequence_Fast_GET_ITEM(cols[0], i);
        PyObject *t = PySequence_Fast_GET_ITEM(cols[1], i);
        PyObject *m = PySequence_Fast_GET_ITEM(cols[2], i);
        PyObject *r = PySequence_Fast_GET_ITEM(cols[3], i);
        PyObject *ins = PySequence_Fast_GET_ITEM(cols[4], i);
        PyObject *tr = PySequence_Fast_GET_ITEM(cols[5], i);
        PyObject *a = PyDict_GetItemWithError(accs, k);
        int b;
        if (a == NULL) {
            if (!PyErr_Occurred())
                PyErr_SetObject(PyExc_KeyError, k);
            goto out;
        }
        if (Py_TYPE(a) != acc_type) {
            PyErr_SetString(PyExc_TypeError, "accs holds something other than _Acc");
            goto out;
        }
        if (!PyUnicode_Check(m)) {
            PyErr_SetString(PyExc_TypeError, "message is not a str");
            goto out;
        }
        if (t != Py_None) {
            if (keep_extreme(a, o_first_ts, "first_ts", t, 1) < 0 || keep_extreme(a, o_last_ts, "last_ts", t, 0) < 0)
                goto out;
            b = PyObject_IsTrue(r);
            if (b < 0)
                goto out;
            if (b) {
                PyObject *p = PyDict_GetItemWithError(revisions_first, r);
                if (p == NULL && PyErr_Occurred())
                    goto out;
                b = (p == NULL || p == Py_None) ? 1 : less(t, p);
                if (b < 0 || (b && PyDict_SetItem(revisions_first, r, t) < 0))
                    goto out;
            }
            b = PyObject_IsTrue(ins);
            if (b < 0 || (b && link_from_previous(miner, (LinkTable *)by_instance, ins, t, k, s_instance, &pairs) < 0))
                goto out;
            b = PyObject_IsTrue(tr);
            if (b < 0 || (b && link_from_previous(miner, (LinkTable *)by_trace, tr, t, k, s_trace, &pairs) < 0))
                goto out;
        }
        if (sample(a, m, index, getrandbits) < 0 || count_message(a, m) < 0)
            goto out;
    }
    result = Py_NewRef(Py_None);
out:
    for (int c = 0; c < 6; c++)
        Py_XDECREF(iters[c]);
    Py_XDECREF(revisions_first);
    Py_XDECREF(by_instance);
    Py_XDECREF(by_trace);
    Py_XDECREF(pairs);
    Py_XDECREF(rng);
    Py_XDECREF(getrandbits);
    return result;
}

static PyObject *
configure(PyObject *self, PyObject *args)
{
    PyObject *cls;
    double lw;
    Py_ssize_t mps, lru, ms, sc, mkc, mm;
    if (!PyArg_ParseTuple(args, "O!dnnnnnn", &PyType_Type, &cls, &lw, &mps, &lru, &ms, &sc, &mkc, &mm))
        return NULL;
    if (slot_offset(cls, "first_ts", &o_first_ts) < 0 || slot_offset(cls, "last_ts", &o_last_ts) < 0
        || slot_offset(cls, "first_index", &o_first_index) < 0 || slot_offset(cls, "first_msg", &o_first_msg) < 0
        || slot_offset(cls, "samples", &o_samples) < 0 || slot_offset(cls, "seen", &o_seen) < 0
        || slot_offset(cls, "next_sample", &o_next_sample) < 0 || slot_offset(cls, "messages", &o_messages) < 0)
        return NULL;
    Py_XSETREF(acc_type, (PyTypeObject *)Py_NewRef(cls));
    link_window = lw;
    max_pair_state = mps;
    link_lru = lru;
    max_samples = ms;
    sample_chars = sc;
    message_key_chars = mkc;
    max_messages = mm;
    Py_RETURN_NONE;
}

/* _Gen2Cache.put on a TemplateMiner cache: `new_` (and `old_`, when given) are the caller's
 * references to the cache's current tables, kept right when the cache rotates. */
static int
gen2_put(PyObject *cache, PyObject **new_, PyObject **old_, Py_ssize_t size, PyObject *key, PyObject *value)
{
    if (PyDict_GET_SIZE(*new_) >= size) {
        PyObject *fresh = PyDict_New();
        if (fresh == NULL)
            return -1;
        if (PyObject_SetAttr(cache, a_old, *new_) < 0 || PyObject_SetAttr(cache, a_new, fresh) < 0) {
            Py_DECREF(fresh);
            return -1;
        }
        if (old_ != NULL)
            Py_SETREF(*old_, *new_); /* the reference to the previous new moves to old */
        else
            Py_DECREF(*new_);
        *new_ = fresh;
    }
    return PyDict_SetItem(*new_, key, value);
}

static PyObject *
keys(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *tm, *masked = NULL, *mc = NULL, *mnew = NULL, *mold = NULL, *out = NULL, *drain_new = NULL,
        *result = NULL, *o;
    Py_ssize_t msize, n;
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "keys(template_miner, masked)");
        return NULL;
    }
    tm = args[0];
    masked = PySequence_Fast(args[1], "masked must be a sequence");
    if (masked == NULL)
        goto out;
    n = PySequence_Fast_GET_SIZE(masked);
    mc = PyObject_GetAttr(tm, a_masked_cache);
    drain_new = mc ? PyObject_GetAttr(tm, a_drain_new) : NULL;
    if (drain_new == NULL)
        goto out;
    o = PyObject_GetAttr(mc, a_size);
    if (o == NULL)
        goto out;
    msize = PyLong_AsSsize_t(o);
    Py_DECREF(o);
    if (msize == -1 && PyErr_Occurred())
        goto out;
    out = PyList_New(n);
    if (out == NULL)
        goto out;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *joined = PySequence_Fast_GET_ITEM(masked, i), *key;
        if (mnew == NULL) { /* the current tables (again after _drain_new, which may turn them over) */
            mnew = PyObject_GetAttr(mc, a_new);
            mold = mnew ? PyObject_GetAttr(mc, a_old) : NULL;
            if (mold == NULL)
                goto out;
            if (!PyDict_CheckExact(mnew) || !PyDict_CheckExact(mold)) {
                PyErr_SetString(PyExc_TypeError, "cache tables are not dicts");
                goto out;
            }
        }
        key = PyDict_GetItemWithError(mnew, joined);
        if (key != NULL && key != Py_None) {
            PyList_SET_ITEM(out, i, Py_NewRef(key));
            continue;
        }
        if (PyErr_Occurred())
            goto out;
        key = PyDict_GetItemWithError(mold, joined);
        if (key != NULL && key != Py_None) { /* an old-generation hit moves to the new one */
            Py_INCREF(key);
            if (gen2_put(mc, &mnew, &mold, msize, joined, key) < 0) {
                Py_DECREF(key);
                goto out;
            }
            PyList_SET_ITEM(out, i, key);
            continue;
        }
        if (PyErr_Occurred())
            goto out;
        key = PyObject_CallOneArg(drain_new, joined);
        if (key == NULL)
            goto out;
        PyList_SET_ITEM(out, i, key);
        Py_CLEAR(mnew);
        Py_CLEAR(mold);
    }
    result = Py_NewRef(out);
out:
    Py_XDECREF(masked);
    Py_XDECREF(mc);
    Py_XDECREF(mnew);
    Py_XDECREF(mold);
    Py_XDECREF(drain_new);
    Py_XDECREF(out);
    return result;
}

/* ------------------------------------------------------------------------------- masking */

static int
is_hex(Py_UCS4 c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* masking._FAST on an ASCII token: "<UUID>", "<HEX>", "<PATH>" or NULL (borrowed). */
static PyObject *ph_uuid, *ph_hex, *ph_path;

static PyObject *
fast_shape(const Py_UCS1 *p, Py_ssize_t n)
{
    Py_ssize_t i;
    if (n == 36 && p[8] == '-' && p[13] == '-' && p[18] == '-' && p[23] == '-') {
        for (i = 0; i < 36; i++)
            if (i != 8 && i != 13 && i != 18 && i != 23 && !is_hex(p[i]))
                break;
        if (i == 36)
            return ph_uuid;
    }
    if (n >= 12) { /* (?=[a-fA-F]*\d)[0-9a-fA-F]{12,} */
        int digit = 0;
        for (i = 0; i < n && is_hex(p[i]); i++)
            digit |= p[i] <= '9';
        if (i == n && digit)
            return ph_hex;
    }
    if (n >= 2 && p[0] == '/' && !(p[1] >= '0' && p[1] <= '9')) {
        /* /(?!\d)[\w.~%@+*$-]+(?:/[\w.~%@+*$-]+)*\/? : segments of path characters, one "/" apart */
        Py_ssize_t seg = 0;
        for (i = 1; i < n; i++) {
            Py_UCS1 c = p[i];
            if (c == '/') {
                if (seg == 0)
                    return NULL;
                seg = 0;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                       || c == '.' || c == '~' || c == '%' || c == '@' || c == '+' || c == '*' || c == '$'
                       || c == '-') {
                seg++;
            } else {
                return NULL;
            }
        }
        if (seg > 0 || (n >= 3 && p[n - 2] != '/')) /* ends in a segment, or in one "/" after one */
            return ph_path;
    }
    return NULL;
}

/* Where masking.digit_shape starts to change the ASCII token p[0:n] (-1: it does not), and the
 * lowest digit it changes (*lo: '3' after "::", '1' with an x, else '0'; each becomes '2'). */
static Py_ssize_t
shape_start(const Py_UCS1 *p, Py_ssize_t n, Py_UCS1 *lo)
{
    Py_ssize_t i;
    *lo = '0';
    for (i = 0; i + 1 < n; i++)
        if (p[i] == ':' && p[i + 1] == ':') {
            *lo = '3';
            break;
        }
    if (*lo == '0')
        for (i = 0; i < n; i++)
            if (p[i] == 'x' || p[i] == 'X') {
                *lo = '1';
                break;
            }
    for (i = 0; i < n; i++)
        if (p[i] >= *lo && p[i] <= '9' && p[i] != '2')
            return i;
    return -1;
}

/* q[0:n] = the digit shape of p[0:n], given shape_start's answer (first >= 0) and lo */
static void
write_shape(Py_UCS1 *q, const Py_UCS1 *p, Py_ssize_t n, Py_ssize_t first, Py_UCS1 lo)
{
    memcpy(q, p, n);
    for (Py_ssize_t i = first; i < n; i++)
        if (q[i] >= lo && q[i] <= '9')
            q[i] = '2';
}

/* masking.digit_shape on an ASCII token; a new reference (the token itself when unchanged). */
static PyObject *
digit_shape(PyObject *tok, const Py_UCS1 *p, Py_ssize_t n)
{
    Py_UCS1 lo;
    Py_ssize_t first = shape_start(p, n, &lo);
    PyObject *shape;
    if (first < 0)
        return Py_NewRef(tok);
    shape = PyUnicode_New(n, 127);
    if (shape != NULL)
        write_shape(PyUnicode_1BYTE_DATA(shape), p, n, first, lo);
    return shape;
}

/* What a digit shape says of every token of that shape (a new reference): its masked form when
 * that stands for them all, True when nothing in it is masked (so nothing in its tokens either),
 * None when a digit survived (each token must be masked itself). NULL with an exception set. */
static PyObject *
shape_verdict(PyObject *shape, PyObject *mask_token)
{
    PyObject *sm = PyObject_CallOneArg(mask_token, shape);
    if (sm == NULL)
        return NULL;
    if (!PyUnicode_Check(sm))
        Py_SETREF(sm, Py_NewRef(Py_None));
    else if (PyUnicode_Compare(sm, shape) == 0)
        Py_SETREF(sm, Py_NewRef(Py_True));
    else if (PyUnicode_FindChar(sm, '2', 0, PyUnicode_GET_LENGTH(sm), 1) != -1)
        Py_SETREF(sm, Py_NewRef(Py_None));
    return sm;
}

/* The masked form of one token (new reference), without the token cache. `shapes` maps a digit
 * shape to its masked form when that stands for every token of the shape, True when every such
 * token stays as it is, None when the token must be masked itself. */
static PyObject *
mask_fresh(PyObject *tok, PyObject *shapes, Py_ssize_t size, PyObject *mask_token)
{
    PyObject *m, *shape;
    const Py_UCS1 *p;
    Py_ssize_t n;
    if (!PyUnicode_IS_ASCII(tok)) /* Unicode word and digit classes: the Python rules */
        return PyObject_CallOneArg(mask_token, tok);
    p = PyUnicode_1BYTE_DATA(tok);
    n = PyUnicode_GET_LENGTH(tok);
    m = fast_shape(p, n);
    if (m != NULL)
        return Py_NewRef(m);
    shape = digit_shape(tok, p, n);
    if (shape == NULL)
        return NULL;
    if (shape != tok) { /* digits: the shape's masked form may stand for this token */
        PyObject *sm = PyDict_GetItemWithError(shapes, shape);
        if (sm == NULL) {
            if (PyErr_Occurred()) {
                Py_DECREF(shape);
                return NULL;
            }
            sm = shape_verdict(shape, mask_token);
            if (sm == NULL) {
                Py_DECREF(shape);
                return NULL;
            }
            if (PyDict_GET_SIZE(shapes) >= size)
                PyDict_Clear(shapes);
            if (PyDict_SetItem(shapes, shape, sm) < 0) {
                Py_DECREF(sm);
                Py_DECREF(shape);
                return NULL;
            }
            Py_DECREF(sm);
            sm = PyDict_GetItemWithError(shapes, shape);
        }
        if (sm == Py_True)
            m = Py_NewRef(tok);
        else if (sm != NULL && sm != Py_None)
            m = Py_NewRef(sm);
    }
    Py_DECREF(shape);
    if (m == NULL) {
        if (PyErr_Occurred())
            return NULL;
        m = PyObject_CallOneArg(mask_token, tok);
    }
    return m;
}

/* The masked form of one token (new reference), through the token cache `tokens`. */
static PyObject *
mask_one(PyObject *tok, PyObject *tokens, PyObject *shapes, Py_ssize_t size, PyObject *mask_token)
{
    PyObject *m = PyDict_GetItemWithError(tokens, tok);
    if (m != NULL)
        return Py_NewRef(m);
    if (PyErr_Occurred())
        return NULL;
    m = mask_fresh(tok, shapes, size, mask_token);
    if (m == NULL)
        return NULL;
    if (PyDict_GET_SIZE(tokens) >= size)
        PyDict_Clear(tokens);
    if (PyDict_SetItem(tokens, tok, m) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}

static PyObject *
mask_parts(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *parts, *tokens, *shapes, *mask_token, *out;
    Py_ssize_t size, n;
    if (nargs != 5 || !PyList_CheckExact(args[0]) || !PyDict_CheckExact(args[1]) || !PyDict_CheckExact(args[2])) {
        PyErr_SetString(PyExc_TypeError, "mask_parts(parts: list, tokens: dict, shapes: dict, size, mask_token)");
        return NULL;
    }
    parts = args[0];
    tokens = args[1];
    shapes = args[2];
    size = PyLong_AsSsize_t(args[3]);
    if (size == -1 && PyErr_Occurred())
        return NULL;
    if (size < 1)
        size = 1;
    mask_token = args[4];
    n = PyList_GET_SIZE(parts);
    out = PyList_New(n);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *tok = PyList_GET_ITEM(parts, i), *m;
        if (!PyUnicode_CheckExact(tok)) {
            Py_DECREF(out);
            PyErr_SetString(PyExc_TypeError, "tokens must be str");
            return NULL;
        }
        m = mask_one(tok, tokens, shapes, size, mask_token);
        if (m == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, i, m);
    }
    return out;
}

/* columns(rows, which): [[row[i] for row in rows] for i in which], in one pass over the rows
 * (the column form mining takes, from the row tuples the workers send). */
static PyObject *
columns(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *rows, *which, *out;
    Py_ssize_t n, w, idx[32];
    if (nargs != 2 || !PyList_CheckExact(args[0]) || !PyTuple_CheckExact(args[1]) || PyTuple_GET_SIZE(args[1]) > 32) {
        PyErr_SetString(PyExc_TypeError, "columns(rows: list, which: tuple of up to 32 ints)");
        return NULL;
    }
    rows = args[0];
    which = args[1];
    n = PyList_GET_SIZE(rows);
    w = PyTuple_GET_SIZE(which);
    for (Py_ssize_t c = 0; c < w; c++) {
        idx[c] = PyLong_AsSsize_t(PyTuple_GET_ITEM(which, c));
        if (idx[c] < 0) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_IndexError, "negative column");
            return NULL;
        }
    }
    out = PyList_New(w);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t c = 0; c < w; c++) {
        PyObject *col = PyList_New(n);
        if (col == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, c, col);
    }
    for (Py_ssize_t r = 0; r < n; r++) {
        PyObject *row = PyList_GET_ITEM(rows, r);
        if (!PyTuple_Check(row)) {
            Py_DECREF(out);
            PyErr_SetString(PyExc_TypeError, "rows must be tuples");
            return NULL;
        }
        for (Py_ssize_t c = 0; c < w; c++) {
            if (idx[c] >= PyTuple_GET_SIZE(row)) {
                Py_DECREF(out);
                PyErr_SetString(PyExc_IndexError, "tuple index out of range");
                return NULL;
            }
            PyList_SET_ITEM(PyList_GET_ITEM(out, c), r, Py_NewRef(PyTuple_GET_ITEM(row, idx[c])));
        }
    }
    return out;
}

/* ------------------------------------------------------------------------------------------
 * masked_text: " ".join(Masker.tokens(message, limit)) for the common message, without making a
 * str per token: the message is scanned in place and each ASCII token is looked up by its bytes in
 * a token table of its own (a capsule, `token_table(size)`; cleared when full, like the other
 * caches: it changes only the speed); a non-ASCII token goes through the `tokens` dict instead.
 * Anything else (a possible record dump, a message cut by characters, a time the whole-message
 * rules rewrite: `rewrites(message, limit)` says so when it holds `:dd:`) goes to `slow`,
 * Masker.tokens itself, and is joined here. Tests compare the two on every cache size.
 */
static PyObject *s_space;

typedef struct {
    Py_hash_t h;
    PyObject *tok; /* the key (an ASCII str), NULL: a free slot */
    PyObject *val; /* what it stands for */
} TEntry;

typedef struct {
    Py_ssize_t mask, count, cap;
    TEntry *e;
} TTable;

/* The token table: ASCII token -> masked form, and digit shape -> what it says of its tokens (as
 * the `shapes` dict of mask_fresh: the masked form, True: unchanged, None: mask the token itself).
 * A token that its shape or `fast_shape` settles is not stored: unique numbers, times, ids would
 * fill the table, and clearing it made every word go through the rules again (~9 times over 170k
 * messages of the benchmark export, ~0.5 µs a message). */
typedef struct {
    TTable tokens, shapes;
} MaskTables;

static void
ttable_clear(TTable *t)
{
    for (Py_ssize_t i = 0; i <= t->mask; i++) {
        if (t->e[i].tok != NULL) {
            Py_DECREF(t->e[i].tok);
            Py_DECREF(t->e[i].val);
            t->e[i].tok = t->e[i].val = NULL;
        }
    }
    t->count = 0;
}

static int
ttable_init(TTable *t, Py_ssize_t cap)
{
    Py_ssize_t size = 8;
    while (size < 2 * cap)
        size <<= 1;
    t->e = PyMem_Calloc(size, sizeof(TEntry));
    if (t->e == NULL)
        return -1;
    t->mask = size - 1;
    t->count = 0;
    t->cap = cap;
    return 0;
}

static void
mtables_free(PyObject *capsule)
{
    MaskTables *mt = PyCapsule_GetPointer(capsule, "rca.token_table");
    if (mt == NULL)
        return;
    ttable_clear(&mt->tokens);
    ttable_clear(&mt->shapes);
    PyMem_Free(mt->tokens.e);
    PyMem_Free(mt->shapes.e);
    PyMem_Free(mt);
}

static PyObject *
token_table(PyObject *self, PyObject *arg)
{
    Py_ssize_t cap = PyLong_AsSsize_t(arg);
    MaskTables *mt;
    PyObject *capsule;
    if (cap == -1 && PyErr_Occurred())
        return NULL;
    if (cap < 1)
        cap = 1;
    mt = PyMem_Calloc(1, sizeof(MaskTables));
    if (mt == NULL)
        return PyErr_NoMemory();
    if (ttable_init(&mt->tokens, cap) < 0 || ttable_init(&mt->shapes, cap) < 0) {
        PyMem_Free(mt->tokens.e);
        PyMem_Free(mt);
        return PyErr_NoMemory();
    }
    capsule = PyCapsule_New(mt, "rca.token_table", mtables_free);
    if (capsule == NULL) {
        PyMem_Free(mt->tokens.e);
        PyMem_Free(mt->shapes.e);
        PyMem_Free(mt);
    }
    return capsule;
}

static inline Py_hash_t
bytes_hash(const Py_UCS1 *p, Py_ssize_t n)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (Py_ssize_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return (Py_hash_t)(h | 1); /* never 0 */
}

/* The value stored for p[0:n] (borrowed), or NULL; *slot: where it is or would go. */
static inline PyObject *
ttable_get(TTable *t, Py_hash_t h, const Py_UCS1 *p, Py_ssize_t n, Py_ssize_t *slot)
{
    Py_ssize_t i = (Py_ssize_t)((size_t)h & (size_t)t->mask);
    while (t->e[i].tok != NULL) {
        TEntry *e = &t->e[i];
        if (e->h == h && PyUnicode_GET_LENGTH(e->tok) == n && memcmp(PyUnicode_1BYTE_DATA(e->tok), p, n) == 0)
            return e->val;
        i = (i + 1) & t->mask;
    }
    *slot = i;
    return NULL;
}

/* Store key -> val (new references taken) at the free `slot` ttable_get found; a full table is
 * cleared first (like the other caches: it changes only the speed). */
static void
ttable_put(TTable *t, Py_hash_t h, Py_ssize_t slot, PyObject *key, PyObject *val)
{
    if (t->count >= t->cap) {
        ttable_clear(t);
        slot = (Py_ssize_t)((size_t)h & (size_t)t->mask);
    }
    t->e[slot].h = h;
    t->e[slot].tok = Py_NewRef(key);
    t->e[slot].val = Py_NewRef(val);
    t->count++;
}

static PyObject *
ascii_str(const Py_UCS1 *p, Py_ssize_t n)
{
    PyObject *s = PyUnicode_New(n, 127);
    if (s != NULL)
        memcpy(PyUnicode_1BYTE_DATA(s), p, n);
    return s;
}

/* The masked form of the ASCII token p[0:n] (a new reference): mask_fresh's answer, through the
 * tables. */
static PyObject *
table_mask(MaskTables *mt, const Py_UCS1 *p, Py_ssize_t n, PyObject *shapes, Py_ssize_t size, PyObject *mask_token)
{
    Py_UCS1 buf[256], lo;
    Py_hash_t h = bytes_hash(p, n), sh;
    Py_ssize_t slot = 0, sslot = 0, first;
    PyObject *m = ttable_get(&mt->tokens, h, p, n, &slot), *tok, *sm;
    if (m != NULL)
        return Py_NewRef(m);
    m = fast_shape(p, n);
    if (m != NULL)
        return Py_NewRef(m);
    first = shape_start(p, n, &lo); /* the digit shape, as digit_shape() makes it */
    if (first >= 0 && n <= (Py_ssize_t)sizeof(buf)) {
        write_shape(buf, p, n, first, lo);
        sh = bytes_hash(buf, n);
        sm = ttable_get(&mt->shapes, sh, buf, n, &sslot);
        if (sm == NULL) {
            PyObject *shape = ascii_str(buf, n);
            if (shape == NULL)
                return NULL;
            sm = shape_verdict(shape, mask_token);
            if (sm == NULL) {
                Py_DECREF(shape);
                return NULL;
            }
            ttable_put(&mt->shapes, sh, sslot, shape, sm);
            Py_DECREF(shape);
            Py_DECREF(sm); /* the table holds it */
        }
        if (sm == Py_True)
            return ascii_str(p, n);
        if (sm != Py_None)
            return Py_NewRef(sm);
    } else if (first >= 0) { /* a long token with digits (rare): mask_fresh, with the `shapes` dict */
        tok = ascii_str(p, n);
        m = tok ? mask_fresh(tok, shapes, size, mask_token) : NULL;
        Py_XDECREF(tok);
        return m;
    }
    /* no digits, or digits the shape does not settle: the rules, and the token table */
    tok = ascii_str(p, n);
    if (tok == NULL)
        return NULL;
    m = PyObject_CallOneArg(mask_token, tok);
    if (m == NULL) {
        Py_DECREF(tok);
        return NULL;
    }
    ttable_put(&mt->tokens, h, slot, tok, m);
    Py_DECREF(tok);
    return m;
}

/* The masked form of message[start:end] (a new reference): through the table when the token is
 * ASCII (copied into `buf` when the message is not), else through the `tokens` dict. */
static PyObject *
token_mask(MaskTables *t, PyObject *message, int kind, const void *data, Py_ssize_t start, Py_ssize_t end,
           PyObject *tokens, PyObject *shapes, Py_ssize_t size, PyObject *mask_token)
{
    Py_UCS1 buf[256];
    Py_ssize_t n = end - start;
    PyObject *tok, *m;
    if (kind == PyUnicode_1BYTE_KIND && PyUnicode_IS_ASCII(message))
        return table_mask(t, (const Py_UCS1 *)data + start, n, shapes, size, mask_token);
    if (n <= (Py_ssize_t)sizeof(buf)) {
        Py_ssize_t k;
        for (k = 0; k < n; k++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, start + k);
            if (c >= 128)
                break;
            buf[k] = (Py_UCS1)c;
        }
        if (k == n)
            return table_mask(t, buf, n, shapes, size, mask_token);
    }
    tok = PyUnicode_Substring(message, start, end);
    if (tok == NULL)
        return NULL;
    m = mask_one(tok, tokens, shapes, size, mask_token);
    Py_DECREF(tok);
    return m;
}

/* masking._has_times: does the message hold a time the whole-message rules rewrite, by their
 * prefilters (":dd:" somewhere, and _ISO_PRE or _CTIME_PRE somewhere)? Python's `\d` is a Unicode
 * decimal digit; every other character of the patterns is ASCII. Each pattern matches at a given
 * start in at most one way (no backtracking changes the outcome), so a scan per start suffices. */
#define CH(i) ((i) < len ? PyUnicode_READ(kind, data, (i)) : (Py_UCS4)0)
#define DEC(i) ((i) < len && Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, (i))))

static int
has_times(PyObject *message)
{
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    Py_ssize_t len = PyUnicode_GET_LENGTH(message), p, q;
    int kind = PyUnicode_KIND(message), hms = 0;
    const void *data = PyUnicode_DATA(message);
    for (p = 0; p + 3 < len && !hms; p++) /* _HMS  :\d\d: */
        hms = CH(p) == ':' && DEC(p + 1) && DEC(p + 2) && CH(p + 3) == ':';
    if (!hms)
        return 0;
    for (p = 0; p + 5 < len; p++) { /* _ISO_PRE  :\d\d:\d\d(?:[.,]\d+)? ?(?:Z|UTC|[+-]\d) */
        Py_UCS4 c;
        if (!(CH(p) == ':' && DEC(p + 1) && DEC(p + 2) && CH(p + 3) == ':' && DEC(p + 4) && DEC(p + 5)))
            continue;
        q = p + 6;
        if ((CH(q) == '.' || CH(q) == ',') && DEC(q + 1)) {
            q += 2;
            while (DEC(q))
                q++;
        }
        if (CH(q) == ' ')
            q++;
        c = CH(q);
        if (c == 'Z' || (c == 'U' && CH(q + 1) == 'T' && CH(q + 2) == 'C') || ((c == '+' || c == '-') && DEC(q + 1)))
            return 1;
    }
    for (p = 0; p + 3 <= len; p++) { /* _CTIME_PRE  (?:Jan|...|Dec) +\d{1,2},? +\d{1,2}:\d\d:\d\d */
        int month = 0, d;
        Py_UCS4 c = CH(p);
        if (c != 'J' && c != 'F' && c != 'M' && c != 'A' && c != 'S' && c != 'O' && c != 'N' && c != 'D')
            continue;
        for (int mo = 0; mo < 12 && !month; mo++)
            month = CH(p) == (Py_UCS4)months[3 * mo] && CH(p + 1) == (Py_UCS4)months[3 * mo + 1]
                    && CH(p + 2) == (Py_UCS4)months[3 * mo + 2];
        if (!month || CH(p + 3) != ' ')
            continue;
        for (q = p + 3; CH(q) == ' ';)
            q++;
        for (d = 0; d < 2 && DEC(q); d++)
            q++;
        if (d == 0)
            continue;
        if (CH(q) == ',')
            q++;
        if (CH(q) != ' ')
            continue;
        while (CH(q) == ' ')
            q++;
        for (d = 0; d < 2 && DEC(q); d++)
            q++;
        if (d > 0 && CH(q) == ':' && DEC(q + 1) && DEC(q + 2) && CH(q + 3) == ':' && DEC(q + 4) && DEC(q + 5))
            return 1;
    }
    return 0;
}

#undef CH
#undef DEC

/* masking._time_rewritten(message, limit): has_times of the message, or of its first `limit`
 * tokens joined by single spaces when it has more (then through `rewrites`, the Python function
 * itself: rare). 1, 0, or -1 with an exception set. */
static int
time_rewritten(PyObject *message, PyObject *limit_obj, Py_ssize_t limit, PyObject *rewrites)
{
    if (limit > 0) {
        Py_ssize_t len = PyUnicode_GET_LENGTH(message), i = 0, ntok = 0;
        int kind = PyUnicode_KIND(message);
        const void *data = PyUnicode_DATA(message);
        while (ntok <= limit) {
            while (i < len && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)))
                i++;
            if (i >= len)
                break;
            ntok++;
            while (i < len && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)))
                i++;
        }
        if (ntok > limit) {
            PyObject *r = PyObject_CallFunctionObjArgs(rewrites, message, limit_obj, NULL);
            int yes = r == NULL ? -1 : PyObject_IsTrue(r);
            Py_XDECREF(r);
            return yes;
        }
    }
    return has_times(message);
}

/* has_times(message) / time_rewritten(message, limit): the C versions of masking._has_times and
 * masking._time_rewritten, for tests. */
static PyObject *
py_has_times(PyObject *self, PyObject *message)
{
    if (!PyUnicode_Check(message)) {
        PyErr_SetString(PyExc_TypeError, "has_times(message: str)");
        return NULL;
    }
    return PyBool_FromLong(has_times(message));
}

static PyObject *
py_time_rewritten(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    Py_ssize_t limit;
    int yes;
    if (nargs != 3 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "time_rewritten(message: str, limit, rewrites)");
        return NULL;
    }
    limit = PyLong_AsSsize_t(args[1]);
    if (limit == -1 && PyErr_Occurred())
        return NULL;
    yes = time_rewritten(args[0], args[1], limit, args[2]);
    return yes < 0 ? NULL : PyBool_FromLong(yes);
}

/* masked_text(table, tokens, shapes, size, mask_token, slow, rewrites, message, limit) -> str */
static PyObject *
masked_text(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    MaskTables *t;
    PyObject *tokens, *shapes, *mask_token, *slow, *rewrites, *message, *vals[256], *out = NULL;
    Py_ssize_t size, limit, len, nv = 0, total = 0, i = 0, k;
    const void *data;
    int kind, ascii_out = 1;
    if (nargs != 9 || !PyDict_CheckExact(args[1]) || !PyDict_CheckExact(args[2]) || !PyUnicode_Check(args[7])) {
        PyErr_SetString(PyExc_TypeError, "masked_text(table, tokens: dict, shapes: dict, size, mask_token, slow, "
                                         "rewrites, message: str, limit)");
        return NULL;
    }
    t = PyCapsule_GetPointer(args[0], "rca.token_table");
    if (t == NULL)
        return NULL;
    tokens = args[1];
    shapes = args[2];
    size = PyLong_AsSsize_t(args[3]);
    limit = PyLong_AsSsize_t(args[8]);
    if ((size == -1 || limit == -1) && PyErr_Occurred())
        return NULL;
    if (size < 1)
        size = 1;
    mask_token = args[4];
    slow = args[5];
    rewrites = args[6];
    message = args[7];
    len = PyUnicode_GET_LENGTH(message);
    if (limit < 1 || limit > 256 || len > limit * 256)
        goto slow_path;
    kind = PyUnicode_KIND(message);
    data = PyUnicode_DATA(message);
    if (PyUnicode_FindChar(message, '[', 0, len, 1) >= 0 && PyUnicode_FindChar(message, '{', 0, len, 1) >= 0)
        goto slow_path; /* maybe a record dump */
    for (k = PyUnicode_FindChar(message, ':', 0, len, 1); k >= 0 && k + 3 < len;
         k = PyUnicode_FindChar(message, ':', k + 1, len, 1)) {
        /* `:dd:` (masking._HMS; re's \d is a Unicode decimal): the whole-message time rules may apply */
        if (Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, k + 1)) && Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, k + 2))
            && PyUnicode_READ(kind, data, k + 3) == ':') {
            int yes = time_rewritten(message, args[8], limit, rewrites);
            if (yes < 0)
                return NULL;
            if (yes)
                goto slow_path;
            break;
        }
    }
    while (nv < limit) {
        Py_ssize_t start;
        while (i < len && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)))
            i++;
        if (i >= len)
            break;
        start = i;
        while (i < len && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)))
            i++;
        vals[nv] = token_mask(t, message, kind, data, start, i, tokens, shapes, size, mask_token);
        if (vals[nv] == NULL)
            goto done;
        if (!PyUnicode_Check(vals[nv])) {
            nv++;
            PyErr_SetString(PyExc_TypeError, "a masked token is not a str");
            goto done;
        }
        if (!PyUnicode_IS_ASCII(vals[nv]))
            ascii_out = 0;
        total += PyUnicode_GET_LENGTH(vals[nv]);
        nv++;
    }
    if (nv == 0) {
        out = PyUnicode_New(0, 127);
    } else if (ascii_out) {
        Py_UCS1 *q;
        out = PyUnicode_New(total + nv - 1, 127);
        if (out != NULL) {
            q = PyUnicode_1BYTE_DATA(out);
            for (k = 0; k < nv; k++) {
                Py_ssize_t m = PyUnicode_GET_LENGTH(vals[k]);
                if (k > 0)
                    *q++ = ' ';
                memcpy(q, PyUnicode_1BYTE_DATA(vals[k]), m);
                q += m;
            }
        }
    } else {
        PyObject *list = PyList_New(nv);
        if (list != NULL) {
            for (k = 0; k < nv; k++)
                PyList_SET_ITEM(list, k, Py_NewRef(vals[k]));
            out = PyUnicode_Join(s_space, list);
            Py_DECREF(list);
        }
    }
done:
    for (k = 0; k < nv; k++)
        Py_DECREF(vals[k]);
    return out;
slow_path:
    {
        PyObject *toks = PyObject_CallFunctionObjArgs(slow, message, args[8], NULL);
        if (toks == NULL)
            return NULL;
        out = PyUnicode_Join(s_space, toks);
        Py_DECREF(toks);
        return out;
    }
}

static PyMethodDef methods[] = {
    {"columns", (PyCFunction)(void (*)(void))columns, METH_FASTCALL,
     "columns(rows, which): the listed columns of a list of row tuples, as lists."},
    {"mask_parts", (PyCFunction)(void (*)(void))mask_parts, METH_FASTCALL,
     "mask_parts(parts, tokens, shapes, size, mask_token): the masked tokens, through bounded caches."},
    {"masked_text", (PyCFunction)(void (*)(void))masked_text, METH_FASTCALL,
     "masked_text(table, tokens, shapes, size, mask_token, slow, rewrites, message, limit): "
     "\" \".join(Masker.tokens(message, limit))."},
    {"token_table", token_table, METH_O, "token_table(size): a token cache for masked_text."},
    {"has_times", py_has_times, METH_O, "has_times(message): masking._has_times in C."},
    {"time_rewritten", (PyCFunction)(void (*)(void))py_time_rewritten, METH_FASTCALL,
     "time_rewritten(message, limit, rewrites): masking._time_rewritten in C (`rewrites` for a cut message)."},
    {"keys", (PyCFunction)(void (*)(void))keys, METH_FASTCALL,
     "keys(template_miner, masked): the keys of TemplateMiner.add_batch, from the masked messages."},
    {"records", (PyCFunction)(void (*)(void))records, METH_FASTCALL,
     "records(miner, accs, keys, ts, msg, rev, inst, trace, start): _Miner._records_py in C."},
    {"configure", configure, METH_VARARGS,
     "configure(acc_class, link_window_s, max_pair_state, link_lru, max_samples, sample_chars, "
     "message_key_chars, max_distinct_messages)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_fastmine", NULL, -1, methods, NULL, NULL, NULL, NULL};

#define INTERN(var, text)                                     \
    do {                                                      \
        if ((var = PyUnicode_InternFromString(text)) == NULL) \
            return NULL;                                      \
    } while (0)

PyMODINIT_FUNC
PyInit__fastmine(void)
{
    PyObject *mod;
    if ((one = PyLong_FromLong(1)) == NULL)
        return NULL;
    INTERN(s_instance, "instance");
    INTERN(ph_uuid, "<UUID>");
    INTERN(ph_hex, "<HEX>");
    INTERN(ph_path, "<PATH>");
    INTERN(s_trace, "trace");
    INTERN(a_revisions_first, "revisions_first");
    INTERN(a_last_by_instance, "last_by_instance");
    INTERN(a_last_by_trace, "last_by_trace");
    INTERN(a_pairs, "pairs");
    INTERN(a_rng, "rng");
    INTERN(a_getrandbits, "getrandbits");
    INTERN(a_prune_pairs, "_prune_pairs");
    INTERN(a_masked_cache, "_masked_cache");
    INTERN(a_drain_new, "_drain_new");
    INTERN(a_size, "size");
    INTERN(a_new, "new");
    INTERN(a_old, "old");
    INTERN(s_space, " ");
    if (PyType_Ready(&LinkTable_Type) < 0)
        return NULL;
    mod = PyModule_Create(&module);
    if (mod != NULL && PyModule_AddObjectRef(mod, "LinkTable", (PyObject *)&LinkTable_Type) < 0)
        Py_CLEAR(mod);
    return mod;
}
