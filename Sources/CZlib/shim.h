#ifndef BULLETIND_CZLIB_SHIM_H
#define BULLETIND_CZLIB_SHIM_H

#include <zlib.h>

/// inflateInit2 is a macro; this is the call it stands for, for raw deflate data (ZIP entries).
static inline int bulletind_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -MAX_WBITS);
}

#endif
