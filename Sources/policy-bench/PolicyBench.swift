import ArgumentParser
import Foundation
import PolicyKit
import PolicyLua
import Yams

/// The benchmarks of BENCHMARKS.md. Run in release mode (`make bench-quick`, `make bench`).
@main
struct PolicyBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy-bench",
        abstract: "Benchmarks of policy-tracker (release build): load, hooks, workers, memory, start-up, diff, public call.",
        subcommands: [Generate.self, Load.self, Hooks.self, Workers.self, Memory.self, Startup.self, Diff.self, Call.self]
    )

    /// Measures the tool as `policy-tracker` runs (with its malloc setting).
    static func main() {
        ProcessMemory.keepFreedMemory()
        main(nil)
    }
}

/// The repository's Benchmarks folder (bench-plugin.lua, benchlib.lua, driver.lua).
let benchmarksDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Benchmarks")

/// The evaluation dates of every benchmark: the last period, everything known.
func benchmarkDates(_ project: Project) -> EvaluationDates {
    EvaluationDates(asOf: project.calendar.periods.last!.end, calendar: project.calendar)!
}

func loadProject(_ directory: String) throws -> Project {
    // Two jobs: the project is the same for any number, and large projects load faster.
    let result = ProjectLoader.load(directory: URL(fileURLWithPath: directory).appendingPathComponent("instruments"), jobs: 2)
    guard let project = result.project, !result.hasErrors else {
        throw ValidationError("the generated project has errors:\n" + result.report)
    }
    return project
}

/// Seconds taken by `body`, the best of `runs` runs.
func best(of runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var fastest = Double.infinity
    for _ in 0..<max(1, runs) {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        fastest = min(fastest, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    return fastest
}

/// CPU seconds of the whole process (every thread, the watchdog included) taken by `body`, the
/// best of `runs` runs: what the plain interpreter's `os.clock()` measures on its side.
func bestCPU(of runs: Int, _ body: () throws -> Void) rethrows -> Double {
    func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
    var fastest = Double.infinity
    for _ in 0..<max(1, runs) {
        let start = now()
        try body()
        fastest = min(fastest, now() - start)
    }
    return fastest
}

/// Runs `tool` with `arguments`, its output discarded; returns its exit status.
func runTool(_ tool: String, _ arguments: [String]) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
}

func format(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a synthetic project of N instruments to DIR.")
    @Argument var instruments: Int
    @Argument var directory: String
    @Flag(inversion: .prefixedNo, help: ArgumentHelp(
        "Also write driver-data.lua and driver-model.lua, the plain interpreter's data of the hooks benchmark (they load the project). Default: only up to \(Generate.driverDataLimit) instruments."))
    var driverData: Bool?

    /// Above this many instruments driver-data.lua is left out unless asked for: the hooks
    /// benchmark, its only reader, runs up to N = 2000.
    static let driverDataLimit = 5000

    func run() throws {
        guard (1...100_000).contains(instruments) else { throw ValidationError("1 to 100,000 instruments") }
        let output = URL(fileURLWithPath: directory)
        try ProjectGenerator(instruments: instruments, output: output, benchmarksDirectory: benchmarksDirectory).write()
        if driverData ?? (instruments <= Generate.driverDataLimit) {
            let project = try loadProject(directory)
            try ProjectGenerator.driverData(project: project, dates: benchmarkDates(project))
                .write(to: output.appendingPathComponent("driver-data.lua"), atomically: true, encoding: .utf8)
            try DriverModel.data(project: project, dates: benchmarkDates(project))
                .write(to: output.appendingPathComponent("driver-model.lua"), atomically: true, encoding: .utf8)
            print("generated \(instruments) instruments, driver-data.lua and driver-model.lua in \(directory)")
        } else {
            print("generated \(instruments) instruments in \(directory) (no driver data: pass --driver-data for the hooks benchmark)")
        }
    }
}

struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "(a) Load + validate against a raw Yams parse of the same files.")
    @Argument var directory: String
    @Option var runs = 5
    @Option(help: "Only load the project with this many jobs, --runs times, and print nothing (for CPU times and instruction counts).")
    var loadOnlyJobs: Int?

    func run() throws {
        let folder = URL(fileURLWithPath: directory).appendingPathComponent("instruments")
        if let loadOnlyJobs {
            for _ in 0..<runs { _ = ProjectLoader.load(directory: folder, jobs: loadOnlyJobs) }
            return
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        let texts = try names.map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        // The floor twice: Yams.compose as it comes (the default resolver, NSRegularExpression
        // per plain scalar it resolves), and as the loader calls it: its resolver (Resolver.basic
        // for a file without `!`, the default one otherwise; see YAMLSource.fastResolver) and
        // the UTF-8 encoding given (Parser.Encoding.default reads the environment every time).
        let loaderResolvers = texts.map { $0.utf8.contains(UInt8(ascii: "!")) ? Resolver.default : Resolver.basic }
        let rawDefault = try best(of: runs) {
            for text in texts { _ = try Yams.compose(yaml: text) }
        }
        let rawBasic = try best(of: runs) {
            for (text, resolver) in zip(texts, loaderResolvers) { _ = try Yams.compose(yaml: text, resolver, .default, .utf8) }
        }
        let floor = min(rawDefault, rawBasic)
        var errors = 0
        let load = best(of: runs) {
            let result = ProjectLoader.load(directory: folder, jobs: 1)
            errors = result.errorCount
        }
        let loadParallel = best(of: runs) {
            _ = ProjectLoader.load(directory: folder, jobs: 2)
        }
        let basicFiles = loaderResolvers.count { $0 === Resolver.basic }
        print("files \(names.count), bytes \(bytes), raw Yams parse \(format(rawDefault * 1000, 1)) ms (default resolver), \(format(rawBasic * 1000, 1)) ms (as the loader calls it: basic resolver for \(basicFiles) files, UTF-8 given), load+validate \(format(load * 1000, 1)) ms (1 job), \(format(loadParallel * 1000, 1)) ms (2 jobs), errors \(errors)")
        print("load+validate speed / raw parse speed: \(format(floor / load)) with 1 job (against the faster raw parse; \(format(rawDefault / load)) against the default resolver), \(format(floor / loadParallel)) with 2 jobs")
        print("load+validate, 1 job: \(format(Double(names.count) / load, 0)) files/s, \(format(Double(bytes) / load / 1e6, 1)) MB/s, \(format(load * 1e6 / Double(names.count), 0)) µs per file; 2 jobs: \(format(load / loadParallel)) times as fast")
    }
}

struct Hooks: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "(b) Per indicator evaluation: Swift host with every limit armed vs plain lua5.4.")
    @Argument var directory: String
    @Option var runs = 5
    @Option var lua = "lua5.4"
    @Option(help: "Only run the host's plugin path this many times and print nothing (for instruction counts: scripts/bench-instructions.sh).")
    var hostOnlyRepeat: Int?

    func run() throws {
        let project = try loadProject(directory)
        let dates = benchmarkDates(project)
        let evaluator = try PluginEvaluator(project: project, pluginsDirectory: URL(fileURLWithPath: directory).appendingPathComponent("plugins"), jobs: 1)
        if let hostOnlyRepeat {
            for _ in 0..<hostOnlyRepeat { _ = try evaluator.evaluateIndicatorHooks(dates: dates) }
            return
        }
        let indicators = project.instruments.reduce(0) { $0 + $1.indicators.count }
        var errors = false
        let host = bestCPU(of: runs) {
            let evaluation = evaluator.evaluate(dates: dates)
            errors = evaluation.hasErrors
        }
        if errors { throw ValidationError("the evaluation has errors") }
        // CPU time on both sides (the driver reports os.clock()), so that time the machine
        // gives to other work counts on neither
        let hostOnly = try bestCPU(of: runs) {
            _ = try evaluator.evaluateIndicatorHooks(dates: dates)
        }
        // the driver's two ways of getting its tables build the same tables (checked first)
        _ = try runDriver(mode: "verify")
        var interpreter: [String: Double] = [:]
        for mode in ["model", "tables"] {
            interpreter[mode] = try (0..<max(1, runs)).map { _ in try runDriver(mode: mode) }.min()!
        }
        let hookNanoseconds = hostOnly * 1e9 / Double(indicators)
        print("indicators \(indicators); plain lua5.4 driver building the tables from the model: \(format(interpreter["model"]!, 0)) ns per indicator")
        print("plain lua5.4 driver with precomputed table constructors (the floor): \(format(interpreter["tables"]!, 0)) ns per indicator")
        print("host, plugin path (views, hook call, result check, every limit armed): \(format(hookNanoseconds, 0)) ns per indicator")
        print("host, whole evaluation (plus standard rules, actions, roll-up, units): \(format(host * 1e9 / Double(indicators), 0)) ns per indicator")
        print("host/interpreter ratio: \(format(hookNanoseconds / interpreter["model"]!))")
        print("host/floor ratio (against precomputed constructors): \(format(hookNanoseconds / interpreter["tables"]!))")
    }

    /// Runs Benchmarks/driver.lua once in `mode`; returns the nanoseconds per indicator it prints.
    private func runDriver(mode: String) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [lua, benchmarksDirectory.appendingPathComponent("driver.lua").path, directory, "1", mode]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("the driver failed (\(mode)): \(output)") }
        if mode == "verify" { return 0 }
        guard let nanoseconds = Double(output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ValidationError("the driver printed no time (\(mode)): \(output)")
        }
        return nanoseconds
    }
}

struct Workers: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "(c) Evaluation with 1 and 2 workers.")
    @Argument var directory: String
    @Option(help: "Rounds: each runs 1 and 2 workers once, in turns; the fastest run of each counts.")
    var runs = 9
    @Option(help: "Evaluate only the first K instruments of the loaded project (their data stays where loading put it).")
    var first: Int?
    @Option(help: "Run with this number of workers only (for a profiler); prints its time.")
    var only: Int?

    func run() throws {
        var project = try loadProject(directory)
        if let first { project.instruments = Array(project.instruments.prefix(first)) }
        let dates = benchmarkDates(project)
        let plugins = URL(fileURLWithPath: directory).appendingPathComponent("plugins")
        if let only {
            let evaluator = try PluginEvaluator(project: project, pluginsDirectory: plugins, jobs: only)
            let cpuBefore = Workers.cpuSeconds(), faultsBefore = Workers.minorPageFaults()
            let time = best(of: runs) { _ = evaluator.evaluate(dates: dates) }
            print("\(only) workers \(format(time * 1000, 1)) ms, CPU time per run \(format((Workers.cpuSeconds() - cpuBefore) * 1000 / Double(max(runs, 1)), 1)) ms, page faults per instrument \(format(Double((Workers.minorPageFaults() - faultsBefore) / max(runs, 1)) / Double(max(project.instruments.count, 1)), 1))")
            return
        }
        // The two worker counts take turns, one run each per round (the order swapped every
        // round), and each keeps its fastest: a burst of load from elsewhere on this shared
        // machine then slows runs of both, not every run of one of them.
        let evaluators = try [1, 2].map { try PluginEvaluator(project: project, pluginsDirectory: plugins, jobs: $0) }
        var times: [Int: Double] = [1: .infinity, 2: .infinity]
        var faults: [Int: Int] = [1: 0, 2: 0]
        var cpu: [Int: Double] = [1: 0, 2: 0]
        for round in 0..<max(runs, 1) {
            for evaluator in round.isMultiple(of: 2) ? evaluators : evaluators.reversed() {
                let before = Workers.minorPageFaults(), cpuBefore = Workers.cpuSeconds()
                times[evaluator.jobs] = min(times[evaluator.jobs]!, best(of: 1) { _ = evaluator.evaluate(dates: dates) })
                faults[evaluator.jobs]! += Workers.minorPageFaults() - before
                cpu[evaluator.jobs]! += Workers.cpuSeconds() - cpuBefore
            }
        }
        for jobs in [1, 2] {
            faults[jobs]! /= max(runs, 1)
            cpu[jobs]! /= Double(max(runs, 1))
        }
        let count = Double(max(project.instruments.count, 1))
        print("1 worker \(format(times[1]! * 1000, 1)) ms (\(format(times[1]! * 1000 / count, 3)) ms and \(format(Double(faults[1]!) / count, 1)) page faults per instrument), 2 workers \(format(times[2]! * 1000, 1)) ms")
        // the process's CPU time per run (every thread): more with 2 workers than with 1 is work
        // the second worker adds (contention, waiting that spins), whatever else the machine runs
        print("CPU time per run: 1 worker \(format(cpu[1]! * 1000, 1)) ms, 2 workers \(format(cpu[2]! * 1000, 1)) ms (x\(format(cpu[2]! / cpu[1]!))); page faults per instrument with 2 workers \(format(Double(faults[2]!) / count, 1))")
        print("speed-up 1->2 workers: \(format(times[1]! / times[2]!))")
    }

    /// User and system CPU time of this process so far (every thread), in seconds.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Pages this process has touched for the first time (or again, after giving them back), so far.
    static func minorPageFaults() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_minflt
    }
}

struct Memory: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "(d) Peak memory of load + evaluation.")
    @Argument var directory: String

    func run() throws {
        let before = Memory.peakBytes()
        let project = try loadProject(directory)
        let evaluator = try PluginEvaluator(project: project, pluginsDirectory: URL(fileURLWithPath: directory).appendingPathComponent("plugins"), jobs: 2)
        let evaluation = evaluator.evaluate(dates: benchmarkDates(project))
        let peak = Memory.peakBytes()
        let values = project.instruments.reduce(0) { $0 + $1.indicators.reduce(0) { $0 + $1.values.count } }
        print("instruments \(evaluation.instruments.count), indicator values \(values), peak RSS \(format(Double(peak) / 1_048_576, 1)) MiB (before loading \(format(Double(before) / 1_048_576, 1)) MiB)")
        print("bytes per indicator value: \(format(Double(peak - before) / Double(values), 0))")
    }

    /// VmHWM of this process, in bytes.
    static func peakBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
            return digits * 1024
        }
        return 0
    }
}

struct Startup: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "(e) policy-tracker matrix on the shipped data against --version.")
    @Option var tool = ".build/release/policy-tracker"
    @Option var runs = 10

    func run() throws {
        func time(_ arguments: [String]) throws -> Double {
            try best(of: runs) { _ = try runTool(tool, arguments) }
        }
        let version = try time(["--version"])
        let matrix = try time(["matrix", "--as-of", "2026-11-23", "--format", "text"])
        print("--version \(format(version * 1000, 1)) ms, matrix \(format(matrix * 1000, 1)) ms, matrix/start-up: \(format(matrix / version, 1))")
    }
}


struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "(f) policy-tracker diff of two editions against one matrix run, over every period, in the same run.")
    @Argument(help: "A folder holding instruments/ and plugins/ (the repository root for the shipped data).")
    var directory: String
    @Option var tool = ".build/release/policy-tracker"
    @Option var runs = 3
    @Option var jobs = 2

    func run() throws {
        let manager = FileManager.default
        let root = URL(fileURLWithPath: directory)
        // the earlier edition: the same files with one instrument fewer and one plugin changed, so
        // that data and rules both differ and all four evaluations run
        let earlier = manager.temporaryDirectory.appendingPathComponent("policy-bench-diff-\(ProcessInfo.processInfo.processIdentifier)")
        try? manager.removeItem(at: earlier)
        try manager.createDirectory(at: earlier, withIntermediateDirectories: true)
        defer { try? manager.removeItem(at: earlier) }
        for name in ["instruments", "plugins"] {
            try manager.copyItem(at: root.appendingPathComponent(name), to: earlier.appendingPathComponent(name))
        }
        let instruments = try manager.contentsOfDirectory(atPath: earlier.appendingPathComponent("instruments").path)
            .filter { $0.hasSuffix(".yaml") && $0 != "project.yaml" }.sorted()
        let plugins = try manager.contentsOfDirectory(atPath: earlier.appendingPathComponent("plugins").path)
            .filter { $0.hasSuffix(".lua") }.sorted()
        guard let removed = instruments.last, let plugin = plugins.first else { throw ValidationError("no instruments or plugins in \(directory)") }
        try manager.removeItem(at: earlier.appendingPathComponent("instruments").appendingPathComponent(removed))
        let pluginURL = earlier.appendingPathComponent("plugins").appendingPathComponent(plugin)
        try (String(contentsOf: pluginURL, encoding: .utf8) + "-- an earlier edition of this plugin\n")
            .write(to: pluginURL, atomically: true, encoding: .utf8)

        let common = ["--instruments", root.appendingPathComponent("instruments").path, "--plugins", root.appendingPathComponent("plugins").path,
                      "--as-of", "2099-12-31", "--jobs", String(jobs)]
        func time(_ arguments: [String]) throws -> Double {
            try best(of: runs) {
                let status = try runTool(tool, arguments)
                guard status <= 1 else { throw ValidationError("\(arguments.first!) exited with \(status)") }
            }
        }
        let matrix = try time(["matrix"] + common)
        let diff = try time(["diff", "--from", earlier.path] + common)
        let count = Double(max(instruments.count, 1))
        print("instruments \(instruments.count), matrix \(format(matrix * 1000, 1)) ms, diff \(format(diff * 1000, 1)) ms (\(format(diff * 1000 / count, 3)) ms per instrument)")
        print("diff/matrix ratio: \(format(diff / matrix))")
    }
}
