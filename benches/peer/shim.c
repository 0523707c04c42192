/* The two Python 3.12 C-API functions that bluebell-akn-rs's abi3 extension calls (on its error
 * paths) and that Python 3.11 lacks, written with the 3.11 API, so that `make bench-peer` can load
 * the extension on a 3.11 interpreter. Built and loaded only when the interpreter is older than
 * 3.12 (see peer.sh and peer.py). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* The exception being raised, normalised and with its traceback attached; the indicator is
 * cleared. A new reference, or NULL when none is being raised. */
PyObject *PyErr_GetRaisedException(void) {
    PyObject *type, *value, *traceback;
    PyErr_Fetch(&type, &value, &traceback);
    if (type == NULL) {
        return NULL;
    }
    PyErr_NormalizeException(&type, &value, &traceback);
    if (traceback != NULL && value != NULL) {
        PyException_SetTraceback(value, traceback);
    }
    Py_XDECREF(type);
    Py_XDECREF(traceback);
    return value;
}

/* Raises `exc` (a reference that is stolen); NULL clears the indicator. */
void PyErr_SetRaisedException(PyObject *exc) {
    if (exc == NULL) {
        PyErr_Restore(NULL, NULL, NULL);
        return;
    }
    PyObject *type = (PyObject *)Py_TYPE(exc);
    Py_INCREF(type);
    PyErr_Restore(type, exc, PyException_GetTraceback(exc));
}
