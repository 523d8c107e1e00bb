#ifndef CGATEHOUSE_ZLIB_SHIM_H
#define CGATEHOUSE_ZLIB_SHIM_H
#include <zlib.h>

/// deflateInit2 / inflateInit2 are macros that Swift cannot call.
static inline int cgh_deflateInit2(z_streamp strm, int level, int windowBits, int memLevel, int strategy) {
    return deflateInit2(strm, level, Z_DEFLATED, windowBits, memLevel, strategy);
}
static inline int cgh_inflateInit2(z_streamp strm, int windowBits) {
    return inflateInit2(strm, windowBits);
}
#endif
