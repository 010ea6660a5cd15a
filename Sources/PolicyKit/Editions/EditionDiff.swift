/// What changed between two editions, cell by cell, and why.
///
/// Made by ``EditionDiff/compare(from:to:evaluations:mode:asOf:knownOn:reported:accepted:)`` from the two editions' snapshots and the
/// four counterfactual evaluations; rendered as text, Markdown, JSON or HTML.
public struct EditionDiff: Sendable, Hashable {
    /// The version of the JSON document (`schema_version`).
    public static let schemaVersion = 1

    /// Which question the comparison answers.
    public enum Mode: String, Sendable, Hashable {
        /// `diff`: two editions, data and rules.
        case editions = "diff"
        /// `impact`: the later data under the earlier and the later rules.
        case rules = "impact"
    }

    /// One side of the comparison.
    public struct Side: Sendable, Hashable {
        /// The edition as written (`git:report-P6`, `working folder`).
        public var name: String
        /// Its commit, for a git edition.
        public var commit: String?

        /// Creates a side.
        package init(name: String, commit: String? = nil) {
            self.name = name
            self.commit = commit
        }
    }

    /// What made a change appear, found by counterfactual evaluation.
    public enum Attribution: String, Sendable, Hashable {
        /// The later data with the earlier rules already shows it.
        case data
        /// The later rules with the earlier data already show it.
        case rules
        /// Each alone shows it.
        case dataAndRules = "data-and-rules"
        /// Only both together show it.
        case interaction
    }

    /// A result as the comparison sees it.
    public struct State: Sendable, Hashable {
        /// Whether the instrument was evaluated, absent from the edition, or in a file that did not load.
        public enum Presence: String, Sendable, Hashable {
            /// Evaluated.
            case evaluated
            /// Not in the edition.
            case absent
            /// Its file could not be loaded.
            case notLoaded = "not-loaded"
        }

        /// Presence.
        public var presence: Presence
        /// The status (`nil` when not evaluated).
        public var status: EvaluationStatus?
        /// Progress.
        public var progress: Double?
        /// Expected progress.
        public var expected: Double?
        /// For a cell: whether the instrument counts as improved.
        public var improved: Bool?

        /// Creates a state.
        package init(presence: Presence, status: EvaluationStatus? = nil, progress: Double? = nil,
                    expected: Double? = nil, improved: Bool? = nil) {
            self.presence = presence
            self.status = status
            self.progress = progress
            self.expected = expected
            self.improved = improved
        }

        /// Whether two states are the same at the precision every format shows.
        package func isSame(as other: State) -> Bool {
            presence == other.presence && status == other.status && improved == other.improved
                && MatrixNumber.sameFraction(progress, other.progress) && MatrixNumber.sameFraction(expected, other.expected)
        }
    }

    /// One cause of a change.
    public struct Cause: Sendable, Hashable {
        /// The fixed vocabulary of causes.
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            /// A value or action update for a period the earlier edition did not have.
            case newReport = "new-report"
            /// A later `reported_on` (or an edited entry) for a period already reported.
            case correction
            /// Baseline, target, intermediate targets, dates, measure, accumulation, ascending,
            /// linked indicators, milestones, or the calendar in project.yaml.
            case definition
            /// A plugin file, or a `plugins/lib/` module it requires.
            case rule
            /// Evidence added or removed, its declaration or its file's content changed.
            case evidence
            /// An instrument added, removed, reassigned to another plugin, or whose file cannot be loaded.
            case instrument
            /// The change appears only with both the later data and the later rules.
            case interaction
        }

        /// The kind.
        public var kind: Kind
        /// The file in the later edition (`instruments/gr-peloponnese-rop.yaml`), if any.
        public var path: String?
        /// The line in that file, if any.
        public var line: Int?
        /// What changed, in words (`se-enterprises-supported: value for P7`).
        public var subject: String
        /// The earlier value, if any.
        public var before: String?
        /// The later value, if any.
        public var after: String?
        /// For a rule: the hook whose result changed, where it can be told.
        public var hook: String?

        /// Creates a cause.
        package init(kind: Kind, path: String? = nil, line: Int? = nil, subject: String, before: String? = nil,
                    after: String? = nil, hook: String? = nil) {
            self.kind = kind
            self.path = path
            self.line = line
            self.subject = subject
            self.before = before
            self.after = after
            self.hook = hook
        }

        /// `path:line`, when the cause has a file.
        public var location: String? {
            guard let path else { return nil }
            return line.map { "\(path):\($0)" } ?? path
        }
    }

    /// A changed indicator or action.
    public struct ItemChange: Sendable, Hashable {
        /// Indicator or action.
        public var kind: ItemResult.Kind
        /// Its id.
        public var id: String
        /// Before and after.
        public var before: State
        /// After.
        public var after: State
        /// What made it appear.
        public var attribution: Attribution
        /// Its causes.
        public var causes: [Cause]
        /// How the later result was obtained (its explanation lines).
        public var details: [String]
    }

    /// A changed cell: one instrument in one period.
    public struct CellChange: Sendable, Hashable {
        /// The instrument id.
        public var instrumentID: String
        /// The partner id.
        public var partnerID: String
        /// The period id.
        public var period: String
        /// Before.
        public var before: State
        /// After.
        public var after: State
        /// What made it appear.
        public var attribution: Attribution
        /// Its causes.
        public var causes: [Cause]
        /// The ids of the items whose results changed.
        public var changedItems: [String]
        /// The changed items.
        public var items: [ItemChange]
        /// Whether the period's report is already due (history is being rewritten).
        public var reported: Bool
        /// Whether the change was acknowledged (`impact --accept`).
        public var accepted: Bool
    }

    /// A changed cell of the project row.
    public struct ProjectChange: Sendable, Hashable {
        /// The period id.
        public var period: String
        /// `instruments-improved`, or a common indicator code (`RCO81`).
        public var measure: String
        /// Before (`nil`: nothing).
        public var before: Double?
        /// After.
        public var after: Double?
        /// The instruments whose change moved it.
        public var instruments: [String]
        /// Their causes.
        public var causes: [Cause]
    }

    /// An instrument whose file did not load in one of the editions.
    public struct Unloadable: Sendable, Hashable {
        /// `from` or `to`.
        public var side: String
        /// The instrument id (the file name).
        public var instrumentID: String
        /// The file's errors.
        public var diagnostics: [Diagnostic]
    }

    /// What is compared.
    public var mode: Mode
    /// The earlier edition.
    public var from: Side
    /// The later edition.
    public var to: Side
    /// The evaluation date.
    public var asOf: Day
    /// The knowledge date.
    public var knownOn: Day
    /// The period ids compared, in order.
    public var periods: [String]
    /// The changed cells, by instrument (in the later edition's order) then period.
    public var cells: [CellChange]
    /// The changed cells of the project row.
    public var projectRow: [ProjectChange]
    /// Instruments that did not load.
    public var unloadable: [Unloadable]
    /// Data differences that changed no cell (such as an evidence file nothing depends on).
    public var withoutEffect: [Cause]
    /// The instruments' titles (from the later edition, else the earlier), by id.
    public var titles: [String: LocalizedText]

    /// Whether nothing changed.
    public var isEmpty: Bool { cells.isEmpty && projectRow.isEmpty }

    /// The changed cells of periods already reported that were not acknowledged.
    public var rewrittenHistory: [CellChange] { cells.filter { $0.reported && !$0.accepted } }
}
