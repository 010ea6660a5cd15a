/// The symbols and colours every renderer uses, so that no format relies on colour alone.
package enum MatrixSymbols {
    /// Marks an illustrative number.
    package static let illustrative = "†"
    /// Marks a cell changed by reports received after the knowledge date.
    package static let changed = "Δ"

    /// The symbol of a status.
    package static func symbol(_ status: EvaluationStatus) -> String {
        switch status {
        case .achieved: "✔"
        case .onTrack: "●"
        case .atRisk: "▲"
        case .offTrack: "▼"
        case .notStarted: "○"
        case .noData: "–"
        case .error: "✖"
        }
    }

    /// The colour of a status on a light background (HTML), as `#rrggbb`.
    package static func color(_ status: EvaluationStatus) -> String {
        switch status {
        case .achieved: "#0b6e4f"
        case .onTrack: "#2b8a3e"
        case .atRisk: "#b45309"
        case .offTrack: "#c0392b"
        case .notStarted: "#64748b"
        case .noData: "#94a3b8"
        case .error: "#7e22ce"
        }
    }

    /// The ANSI SGR parameters of a status for a terminal.
    static func ansi(_ status: EvaluationStatus) -> String {
        switch status {
        case .achieved: "1;32"
        case .onTrack: "32"
        case .atRisk: "33"
        case .offTrack: "31"
        case .notStarted: "2"
        case .noData: "2"
        case .error: "1;35"
        }
    }

    /// The statuses in legend order.
    /// A light tint of the status colour, for the background of a cell (HTML, workbook), as `#rrggbb`.
    package static func tint(_ status: EvaluationStatus) -> String { HTMLMatrixStyle.tint(status) }

    package static let legendOrder: [EvaluationStatus] = [.achieved, .onTrack, .atRisk, .offTrack, .notStarted, .noData, .error]
}
