/* Shared by the C accelerators (_fastmine.c, _fastbatch.c, ../sources/_fastrow.c): where a
 * __slots__ slot of a class (rca.mining.stats._Acc, rca.sources.tracebacks._Buffer) lives in its
 * objects, read once from the class's member descriptor, so that slots are read and written
 * directly (what the descriptor itself would do). */
#ifndef RCA_ACC_SLOTS_H
#define RCA_ACC_SLOTS_H

#include <Python.h>
#include <structmember.h>

static int
slot_offset(PyObject *cls, const char *name, Py_ssize_t *off)
{
    PyObject *d = PyObject_GetAttrString(cls, name);
    if (d == NULL)
        return -1;
    if (!PyObject_TypeCheck(d, &PyMemberDescr_Type) || ((PyMemberDescrObject *)d)->d_member->type != T_OBJECT_EX) {
        Py_DECREF(d);
        PyErr_Format(PyExc_TypeError, "%s is not a slot", name);
        return -1;
    }
    *off = ((PyMemberDescrObject *)d)->d_member->offset;
    Py_DECREF(d);
    return 0;
}

#endif
