/// The smokegate release, as reports and `--version` state it.
public enum SmokegateVersion {
    public static let current = "0.1.0"
}
