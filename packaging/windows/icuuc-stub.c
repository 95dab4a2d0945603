/* A stand-in for Windows' system icuuc.dll, for the Wine prefix of the build and
 * tests ONLY: it must never be shipped (packaging/windows_build.py checks).
 *
 * Qt6Core.dll (Qt 6.7+) imports these 20 ucnv_* functions from icuuc.dll, which
 * every Windows 10/11 has and Wine 8 lacks; without it Qt6Core does not load under
 * Wine at all. Every converter fails to open, so Qt falls back to its own codecs
 * (UTF-8/16/32, Latin-1: all the app uses). Built with gcc-mingw-w64-x86-64.
 */
#include <stddef.h>
#include <stdint.h>

#define EXPORT __declspec(dllexport)
#define U_FILE_ACCESS_ERROR 4

typedef int UErrorCode;

EXPORT void *ucnv_open(const char *name, UErrorCode *err) {
    (void)name;
    if (err && *err <= 0) *err = U_FILE_ACCESS_ERROR;
    return NULL;
}
EXPORT void ucnv_close(void *c) { (void)c; }
EXPORT void ucnv_reset(void *c) { (void)c; }
EXPORT int8_t ucnv_getMaxCharSize(const void *c) { (void)c; return 1; }
EXPORT const char *ucnv_getName(const void *c, UErrorCode *err) {
    (void)c; if (err && *err <= 0) *err = U_FILE_ACCESS_ERROR; return NULL;
}
EXPORT const char *ucnv_getStandardName(const char *n, const char *s, UErrorCode *err) {
    (void)n; (void)s; if (err && *err <= 0) *err = U_FILE_ACCESS_ERROR; return NULL;
}
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT void ucnv_getToUCallBack(const void *c, void **a, const void **b) {
    (void)c; if (a) *a = NULL; if (b) *b = NULL;
}
EXPORT void ucnv_getFromUCallBack(const void *c, void **a, const void **b) {
    (void)c; if (a) *a = NULL; if (b) *b = NULL;
}
EXPORT void ucnv_setToUCallBack(void *c, void *a, const void *b, void **d, const void **e,
                                UErrorCode *err) {
    (void)c; (void)a; (void)b; (void)d; (void)e;
    if (err && *err <= 0) *err = U_FILE_ACCESS_ERROR;
}
EXPORT void ucnv_setFromUCallBack(void *c, void *a, const void *b, void **d, const void **e,
                                  UErrorCode *err) {
    (void)c; (void)a; (void)b; (void)d; (void)e;
    if (err && *err <= 0) *err = U_FILE_ACCESS_ERROR;
}
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *a, void *b, const void *c, int32_t d,
                                            int32_t e, int f, UErrorCode *err) {
    (void)a; (void)b; (void)c; (void)d; (void)e; (void)f; (void)err;
}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *a, void *b, const char *c, int32_t d,
                                          int f, UErrorCode *err) {
    (void)a; (void)b; (void)c; (void)d; (void)f; (void)err;
}
EXPORT void ucnv_cbToUWriteUChars(void *a, const void *b, int32_t c, int32_t d, UErrorCode *err) {
    (void)a; (void)b; (void)c; (void)d; (void)err;
}
EXPORT void ucnv_cbFromUWriteUChars(void *a, const void **b, const void *c, int32_t d,
                                    UErrorCode *err) {
    (void)a; (void)b; (void)c; (void)d; (void)err;
}
EXPORT void ucnv_toUnicode(void *c, void **t, const void *tl, const char **s, const char *sl,
                           int32_t *o, int f, UErrorCode *err) {
    (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f;
    if (err && *err <= 0) *err = U_FILE_ACCESS_ERROR;
}
EXPORT void ucnv_fromUnicode(void *c, char **t, const char *tl, const void **s, const void *sl,
                             int32_t *o, int f, UErrorCode *err) {
    (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f;
    if (err && *err <= 0) *err = U_FILE_ACCESS_ERROR;
}
EXPORT int32_t ucnv_toUCountPending(const void *c, UErrorCode *err) { (void)c; (void)err; return 0; }
EXPORT int32_t ucnv_fromUCountPending(const void *c, UErrorCode *err) { (void)c; (void)err; return 0; }
