import PolicyKit
import Testing

private typealias F = RuleFixtures

@Suite("Standard rules: action status")
struct ActionRuleTests {
    /// An action from 2025-01-01 to 2026-12-31 with one P5 update reported on 2025-09-01.
    static func result(
        _ status: ActionUpdate.Status, _ achievement: ActionUpdate.Achievement? = nil, milestones: [Milestone] = [],
        asOf: String = "2025-10-15", knownOn: String? = nil, start: String = "2025-01-01"
    ) -> ItemResult {
        let action = F.action(start: start, milestones: milestones, updates: [F.update("P5", status, achievement, on: "2025-09-01")])
        return F.evaluate(action, F.dates(asOf, knownOn: knownOn))
    }

    @Test("Completed actions are judged by their achievement", arguments: [
        (ActionUpdate.Achievement?.none, EvaluationStatus.achieved), (.fully, .achieved), (.partly, .atRisk), (.not, .offTrack),
    ])
    func completed(achievement: ActionUpdate.Achievement?, status: EvaluationStatus) {
        let result = Self.result(.completed, achievement)
        #expect(result.status == status)
        #expect(result.achievement == achievement)
        #expect(result.progress == 1)
    }

    @Test("In progress: on-track, at-risk with one overdue milestone, off-track with two")
    func inProgress() {
        let m2 = F.milestone("m2", due: "2026-06-30")
        #expect(Self.result(.inProgress, milestones: [F.milestone("m1", due: "2025-06-30", done: "2025-06-20"), m2]).status == .onTrack)
        let one = Self.result(.inProgress, .partly, milestones: [F.milestone("m1", due: "2025-06-30"), m2])
        #expect(one.status == .atRisk)
        #expect(one.progress == 0)
        #expect(one.explanation == [
            "timeframe: 2025-01-01 to 2026-12-31",
            "expected = 287 of 729 days from 2025-01-01 to 2026-12-31 = 0.39",
            "milestones: 0 of 2 done by 2025-10-15, progress = 0.00; 1 overdue (due before 2025-10-15, not done)",
            "latest update: in-progress, achievement partly for P5, reported on 2025-09-01",
            "status: at-risk, in progress with 1 overdue milestone (>= 1, overdueMilestonesAtRisk)",
        ])
        #expect(one.findings == [Finding(.warning, "Milestone m1 \"Milestone m1\" was due on 2025-06-30 and is not done")])
        let two = Self.result(.inProgress, milestones: [F.milestone("m1", due: "2025-06-30"), F.milestone("m2", due: "2025-09-30")])
        #expect(two.status == .offTrack)
        // A milestone due on as_of itself is not overdue yet.
        #expect(Self.result(.inProgress, milestones: [F.milestone("m1", due: "2025-10-15")]).status == .onTrack)
    }

    @Test("A milestone done after known_on does not count as done")
    func milestoneKnownOn() {
        let milestones = [F.milestone("m1", due: "2025-06-30", done: "2025-10-01"), F.milestone("m2", due: "2026-06-30")]
        let now = Self.result(.inProgress, milestones: milestones)
        #expect(now.status == .onTrack)
        #expect(now.progress == 0.5)
        let earlier = Self.result(.inProgress, milestones: milestones, knownOn: "2025-09-15")
        #expect(earlier.status == .atRisk)
        #expect(earlier.progress == 0)
    }

    @Test("In progress or delayed after the end is off-track; delayed before it at-risk")
    func afterTheEnd() {
        let late = F.action(updates: [F.update("P8", .inProgress, on: "2027-01-10")])
        let result = F.evaluate(late, F.dates("2027-01-15"))
        #expect(result.status == .offTrack)
        #expect(result.explanation.last == "status: off-track, in progress after its end, 2026-12-31")
        #expect(result.expected == 1)
        #expect(Self.result(.delayed).status == .atRisk)
        let delayed = F.action(updates: [F.update("P8", .delayed, on: "2027-01-10")])
        #expect(F.evaluate(delayed, F.dates("2027-01-15")).status == .offTrack)
    }

    @Test("Not started: not-started before the start, at-risk after it")
    func notStarted() {
        #expect(Self.result(.notStarted, start: "2026-01-01").status == .notStarted)
        #expect(Self.result(.notStarted, asOf: "2026-03-15", start: "2026-01-01").status == .atRisk)
    }

    @Test("Cancelled is off-track with a warning")
    func cancelled() {
        let action = F.action(updates: [F.update("P5", .cancelled, on: "2025-09-01", note: "Budget moved to another priority")])
        let result = F.evaluate(action, F.dates("2025-10-15"))
        #expect(result.status == .offTrack)
        #expect(result.findings == [Finding(.warning, "The action was cancelled (P5): Budget moved to another priority")])
        #expect(result.progress == nil)
    }

    @Test("Without a visible update: not-started before the start, else no-data with a warning")
    func noUpdate() {
        let future = F.evaluate(F.action(start: "2026-01-01"), F.dates("2025-10-15"))
        #expect(future.status == .notStarted)
        #expect(future.findings.isEmpty)
        let started = F.evaluate(F.action(), F.dates("2025-10-15"))
        #expect(started.status == .noData)
        #expect(started.findings == [Finding(.warning, "No update reported although the action started on 2025-01-01")])
        // An update reported after known_on is invisible.
        let unknown = F.evaluate(F.action(updates: [F.update("P5", .inProgress, on: "2025-09-01")]), F.dates("2025-10-15", knownOn: "2025-08-31"))
        #expect(unknown.status == .noData)
    }

    @Test("The latest correction known on known_on wins, and is noted")
    func correctedUpdate() {
        let action = F.action(updates: [
            F.update("P5", .inProgress, on: "2025-09-01", evidence: ["ev-a"]),
            F.update("P5", .delayed, on: "2025-10-01", evidence: ["ev-b"]),
        ])
        let before = F.evaluate(action, F.dates("2025-10-15", knownOn: "2025-09-15"))
        #expect(before.status == .onTrack)
        #expect(before.evidence == ["ev-a"])
        let after = F.evaluate(action, F.dates("2025-10-15"))
        #expect(after.status == .atRisk)
        #expect(after.evidence == ["ev-b"])
        #expect(after.findings == [Finding(.info, "P5 update delayed reported on 2025-10-01 corrects in-progress reported on 2025-09-01")])
    }

    @Test("A stale update is a warning; a completed action is not judged stale")
    func stale() {
        let action = F.action(start: "2024-01-01", updates: [F.update("P3", .inProgress, on: "2024-09-15")])
        let result = F.evaluate(action, F.dates("2025-10-15"))
        #expect(result.findings == [Finding(.warning, "The latest update (P3, reported on 2024-09-15) is 395 days old (more than 365, staleUpdateDays)")])
        let done = F.action(start: "2024-01-01", updates: [F.update("P3", .completed, on: "2024-09-15")])
        #expect(F.evaluate(done, F.dates("2025-10-15")).findings.isEmpty)
    }

    @Test("Progress is the share of milestones done; expected is the time elapsed")
    func progress() {
        let milestones = [F.milestone("m1", due: "2025-03-31", done: "2025-03-20"), F.milestone("m2", due: "2025-12-31"), F.milestone("m3", due: "2026-12-31")]
        let result = Self.result(.inProgress, milestones: milestones)
        #expect(result.progress == 1.0 / 3)
        #expect(result.expected == 287.0 / 729)
        #expect(Self.result(.inProgress).progress == nil)
        let completedEarly = Self.result(.completed, .fully, milestones: milestones)
        #expect(completedEarly.status == .achieved)
        #expect(completedEarly.findings == [Finding(.info, "Completed with 2 of 3 milestones not done")])
    }
}
