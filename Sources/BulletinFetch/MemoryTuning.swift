#if canImport(Glibc)
    import CMalloc
#endif

/// Process-wide allocator settings for a process that fetches many documents.
public enum MemoryTuning {
    /// Lets glibc keep up to `bytes` of freed memory at the top of each heap instead of handing it
    /// back to the kernel at once.
    ///
    /// Response bodies are allocated on the transfer thread and freed on the caller's: with glibc's
    /// default (128 KB, trimmed per arena), every 100 KB body was returned to the kernel and faulted
    /// back in by the next fetch, costing a third of the fetcher's throughput (`make bench`). Call once,
    /// early, from an executable; a no-op where the C library is not glibc.
    ///
    /// ```swift
    /// MemoryTuning.retainFreedMemory()
    /// ```
    public static func retainFreedMemory(upTo bytes: Int = 32 << 20) {
        #if canImport(Glibc)
            _ = bulletind_set_trim_threshold(Int32(clamping: bytes))
        #endif
    }
}
