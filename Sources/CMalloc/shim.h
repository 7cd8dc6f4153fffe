#ifndef BULLETIND_CMALLOC_SHIM_H
#define BULLETIND_CMALLOC_SHIM_H

/* glibc's allocator settings (malloc.h is not part of Swift's Glibc module). */
#include <malloc.h>

/// mallopt(M_TRIM_THRESHOLD, bytes): freed memory glibc keeps before returning it to the kernel.
static inline int bulletind_set_trim_threshold(int bytes) {
    return mallopt(M_TRIM_THRESHOLD, bytes);
}

#endif
