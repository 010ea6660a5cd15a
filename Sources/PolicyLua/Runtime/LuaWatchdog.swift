internal import CLua
import Foundation

/// One thread that watches every runtime's current call and arms the budget hook of a call that
/// has run past its time budget. Until then no hook is set, so the VM runs at full speed.
final class LuaWatchdog: @unchecked Sendable {
    /// The process-wide watchdog, started with the first runtime.
    static let shared = LuaWatchdog()

    /// How often running calls are looked at.
    static let tick: Duration = .milliseconds(5)

    private struct Entry {
        let state: OpaquePointer
        let info: UnsafeMutablePointer<pt_state_info>
        let budget: Duration
        var lastSequence: Int = -1
        var since: ContinuousClock.Instant?
    }

    private let condition = NSCondition()
    private var entries: [Int: Entry] = [:]
    private var nextToken = 0
    private var started = false

    /// Starts watching a state; returns the token for ``unregister(_:)``.
    func register(state: OpaquePointer, info: UnsafeMutablePointer<pt_state_info>, budget: Duration) -> Int {
        condition.lock()
        defer { condition.unlock() }
        nextToken += 1
        entries[nextToken] = Entry(state: state, info: info, budget: budget)
        if !started {
            started = true
            let thread = Thread { [self] in run() }
            thread.name = "policy-tracker.lua-watchdog"
            thread.stackSize = 1 << 16
            thread.start()
        }
        condition.signal()
        return nextToken
    }

    /// Stops watching; after it returns the watchdog never touches that state again.
    func unregister(_ token: Int) {
        condition.lock()
        entries[token] = nil
        condition.unlock()
    }

    private func run() {
        let clock = ContinuousClock()
        while true {
            condition.lock()
            while entries.isEmpty { condition.wait() }
            let now = clock.now
            for (token, var entry) in entries {
                let inCall = pt_atomic_load(&entry.info.pointee.in_call)
                let sequence = pt_atomic_load(&entry.info.pointee.call_seq)
                if inCall == 0 {
                    entry.since = nil
                } else if sequence != entry.lastSequence || entry.since == nil {
                    entry.lastSequence = sequence
                    entry.since = now
                } else if let since = entry.since, now - since >= entry.budget,
                          pt_atomic_load(&entry.info.pointee.tripped) == Int(PT_TRIP_NONE) {
                    pt_trip_time(entry.state, entry.info, sequence)
                }
                entries[token] = entry
            }
            condition.unlock()
            Thread.sleep(forTimeInterval: Double(LuaWatchdog.tick.components.attoseconds) / 1e18)
        }
    }
}
