internal import Dispatch
internal import Foundation

/// Runs independent pieces of work on a few threads and returns their results in order.
enum ParallelMap {
    /// `body(0) ..< body(count - 1)` on up to `workers` threads (the caller's included), each
    /// thread taking the next index when it is free; the results in index order, so the same
    /// for any number of workers when `body` depends only on its index.
    static func map<Result>(_ count: Int, workers: Int, _ body: @Sendable (Int) -> Result) -> [Result] {
        let workers = max(1, min(workers, count))
        guard workers > 1 else { return (0..<count).map(body) }
        let work = Work<Result>(count: count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = work.nextIndex() {
                work.store(body(index), at: index)
            }
        }
        return work.results()
    }

    /// The next index to hand out and a slot per result; each slot is written by one thread
    /// only (the one that took its index) and read after every thread has finished.
    private final class Work<Result>: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private let slots: UnsafeMutableBufferPointer<Result?>

        init(count: Int) {
            slots = .allocate(capacity: count)
            slots.initialize(repeating: nil)
        }

        deinit {
            slots.deinitialize()
            slots.deallocate()
        }

        func nextIndex() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < slots.count else { return nil }
            next += 1
            return next - 1
        }

        func store(_ result: Result, at index: Int) {
            slots[index] = result
        }

        func results() -> [Result] {
            slots.map { $0! }
        }
    }
}
