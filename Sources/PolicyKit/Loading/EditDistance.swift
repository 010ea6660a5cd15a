/// Suggestions of the nearest known word for a misspelt one.
package enum EditDistance {
    /// The Levenshtein distance between two strings, compared by Unicode scalar.
    package static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The known word nearest to `word`, when it is close enough to be a likely misspelling.
    package static func suggestion(for word: String, among known: [String]) -> String? {
        guard word.unicodeScalars.count <= 64 else { return nil }
        let lowered = word.lowercased()
        var best: (word: String, distance: Int)?
        for candidate in known {
            let distance = between(lowered, candidate)
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let limit = max(2, min(word.count, best.word.count) / 3)
        return best.distance <= limit ? best.word : nil
    }
}
