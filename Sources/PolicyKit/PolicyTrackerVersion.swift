/// The version of policy-tracker, shown by `--version`, in reports and as `policy.VERSION`.
public enum PolicyTrackerVersion {
    /// The current version string.
    public static let current = "0.1.0"
}
