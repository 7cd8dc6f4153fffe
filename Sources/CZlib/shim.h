#ifndef BULLETIND_CZLIB_SHIM_H
#define BULLETIND_CZLIB_SHIM_H

#include <zlib.h>

/// inflateInit2 is a macro; this is the call it stands for, for raw deflate data (ZIP entries).
static inline int bulletind_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -MAX_WBITS);
}

/// inflateInit for a zlib stream (stored blobs).
static inline int bulletind_inflate_init_zlib(z_stream *stream) {
    return inflateInit(stream);
}

/// deflateInit2 for a gzip stream (tests build gzip bombs with it).
static inline int bulletind_deflate_init_gzip(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, MAX_WBITS + 16, 8, Z_DEFAULT_STRATEGY);
}

#endif
