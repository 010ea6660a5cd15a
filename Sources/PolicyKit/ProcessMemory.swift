#if canImport(Glibc)
import Glibc
#endif

/// How the tool's own processes (`policy-tracker`, `policy-bench`) use malloc; not part of the
/// libraries' behaviour (an app that links them keeps its own settings).
package enum ProcessMemory {
    #if canImport(Glibc)
    /// glibc's `mallopt` (malloc.h is not part of the Glibc module).
    @_silgen_name("mallopt")
    private static func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
    #endif

    /// Keeps memory that was freed in the process instead of giving it back to the system at
    /// once (glibc's trim threshold, 128 KB by default, raised to 256 MB). Each worker thread
    /// allocates from a malloc arena of its own; with the default, every unit of work gave its
    /// memory back when it ended and touched it anew in the next one, and a first touch is a page
    /// fault (about 3 µs on the benchmark machine): 12-15 page faults per instrument with 2
    /// workers against 6 with 1 (BENCHMARKS.md (c)). The peak is the same; the process keeps its
    /// peak until it ends.
    package static func keepFreedMemory() {
        #if canImport(Glibc)
        _ = mallopt(-1, 256 << 20) // M_TRIM_THRESHOLD
        #endif
    }
}
