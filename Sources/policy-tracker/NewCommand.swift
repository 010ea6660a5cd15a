import ArgumentParser
import Foundation
import PolicyKit

/// `policy-tracker new`: makes the files of something new, ready to fill in.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Make the files of something new, ready to fill in.",
        subcommands: [NewRegionCommand.self]
    )
}

/// `policy-tracker new region NAME`: a new partner region with its instrument, evidence folder,
/// plugin and fixtures; `check` and `test` pass right after it.
struct NewRegionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "region",
        abstract: "Add a partner region: its entry in project.yaml, an instrument file, its evidence folder, a plugin and a fixture file.",
        discussion: """
            Adds the partner after the last one in project.yaml (its comments and order are kept) and \
            writes instruments/<instrument>.yaml (one indicator, one action), instruments/evidence/<instrument>/, \
            plugins/<name>.lua (it defers to the standard rules; each hook has a commented example) and \
            plugins/tests/<name>.yaml (a first case that passes). `check` and `test` pass right after. \
            Nothing is overwritten: when any of these exists, nothing is written and the command exits with 1.
            """
    )

    @Argument(help: ArgumentHelp("The region's id: the partner id and the plugin's name (lower-case letters, digits, `-`), such as crete.", valueName: "name"))
    var name: String

    @Option(name: .customLong("partner-name"), help: ArgumentHelp("The partner's name in English, such as \"Region of Crete\".", valueName: "text"))
    var partnerName: String

    @Option(name: .customLong("native-name"), help: ArgumentHelp("The partner's name in its language, such as \"Περιφέρεια Κρήτης\".", valueName: "text"))
    var nativeName: String?

    @Option(help: ArgumentHelp("ISO 3166-1 alpha-2 country code, such as GR.", valueName: "CC"))
    var country: String

    @Option(help: ArgumentHelp("ISO 639-1 language code, such as el.", valueName: "ll"))
    var language: String

    @Option(help: ArgumentHelp("The instrument's id (default: <country>-<name>-instrument, such as gr-crete-instrument).", valueName: "id"))
    var instrument: String?

    @Option(help: ArgumentHelp("The folder with project.yaml and the instrument files.", valueName: "dir"))
    var instruments: String = "instruments"

    @Option(help: ArgumentHelp("The folder with the Lua evaluation plugins.", valueName: "dir"))
    var plugins: String = "plugins"

    func run() throws {
        let folder = URL(fileURLWithPath: instruments)
        let projectURL = folder.appendingPathComponent(ProjectLoader.projectFileName)
        guard let data = FileManager.default.contents(atPath: projectURL.path) else {
            throw ValidationError("no \(instruments)/\(ProjectLoader.projectFileName): point --instruments at the folder that holds it")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: plugins, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("no plugins folder '\(plugins)'")
        }
        let loaded = ProjectLoader.load(directory: folder, displayPath: instruments)
        guard let project = loaded.project else {
            FileHandle.standardError.write(Data(loaded.report.utf8))
            FileHandle.standardError.write(Data("project.yaml must load before a region is added to it\n".utf8))
            throw ExitCode(1)
        }
        let request = RegionScaffold.Request(name: name, partnerName: partnerName, nativeName: nativeName, country: country,
                                             language: language, instrument: instrument)
        func location(_ base: RegionScaffold.File.Base, _ path: String) -> (url: URL, shown: String) {
            let root = base == .instruments ? folder : URL(fileURLWithPath: plugins)
            return (root.appendingPathComponent(path), "\(base == .instruments ? instruments : plugins)/\(path)")
        }
        // refuse to overwrite anything, and say every reason at once
        var reasons = RegionScaffold.newPaths(for: request)
            .map { location($0.base, $0.path) }
            .filter { FileManager.default.fileExists(atPath: $0.url.path) }
            .map { "\($0.shown) exists; nothing was written (remove it, or choose another name)" }
        var planned: RegionScaffold?
        do {
            planned = try RegionScaffold(request, projectYAML: String(decoding: data, as: UTF8.self), project: project)
        } catch {
            reasons = error.reasons + reasons
        }
        guard reasons.isEmpty, let scaffold = planned else {
            FileHandle.standardError.write(Data(reasons.map { "error: \($0)\n" }.joined().utf8))
            throw ExitCode(1)
        }
        func url(_ file: RegionScaffold.File) -> URL { location(file.base, file.path).url }
        func shown(_ file: RegionScaffold.File) -> String { location(file.base, file.path).shown }
        let evidence = folder.appendingPathComponent(scaffold.evidenceFolder)
        var written: [URL] = []
        do {
            try FileManager.default.createDirectory(at: evidence, withIntermediateDirectories: true)
            for file in scaffold.files {
                let target = url(file)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                // atomically: a temporary file renamed into place; project.yaml last
                try Data(file.text.utf8).write(to: target, options: .atomic)
                if !file.replaces { written.append(target) }
                print("\(file.replaces ? "updated" : "wrote") \(shown(file))")
            }
        } catch {
            for url in written.reversed() { try? FileManager.default.removeItem(at: url) }
            try? FileManager.default.removeItem(at: evidence)
            FileHandle.standardError.write(Data("error: cannot write the region's files: \(error.localizedDescription); nothing was kept\n".utf8))
            throw ExitCode(1)
        }
        print("""

            Next: fill in the TODOs of \(instruments)/\(request.instrumentID).yaml, then run
              policy-tracker check
              policy-tracker test \(name)
            and write your region's rules in \(plugins)/\(name).lua (guide: plugins/README.md).
            """)
    }
}
