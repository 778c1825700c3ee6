/// Which groups of an aggregate show only their counts: those with fewer than a minimum of distinct
/// clients (primary suppression), and enough others that no suppressed group can be worked out as the
/// answer's total minus the groups shown (complementary suppression).
///
/// It keeps small caseloads out of comparisons where a handful of clients would dominate; it is not a
/// privacy boundary (supervisors and admins can read the submissions themselves).
public struct SmallCellSuppression: Sendable, Hashable {
    /// One group as suppression sees it.
    public struct Cell: Sendable, Hashable {
        /// Distinct clients in the group.
        public var clients: Int64
        /// Whether the reader sees it in full whatever its size (a therapist reading their own groups).
        public var isExempt: Bool

        /// Creates a cell.
        public init(clients: Int64, isExempt: Bool = false) {
            self.clients = clients
            self.isExempt = isExempt
        }
    }

    /// The default minimum of distinct clients.
    public static let defaultMinimumClients = 5

    /// Indices of the groups whose statistics are withheld.
    public var suppressed: Set<Int>
    /// Indices suppressed only to protect another (complementary), a subset of ``suppressed``.
    public var complementary: Set<Int>
    /// Whether the total's statistics are withheld too: it is small itself, or no other group could
    /// protect a suppressed one.
    public var suppressesTotal: Bool

    /// Decides suppression for `cells` and a total over them holding `totalClients` distinct clients.
    ///
    /// Rule: a non-exempt cell with fewer than `minimumClients` clients is suppressed. Then, while the
    /// suppressed cells could be recovered from the total (exactly one of them, or together fewer than
    /// `minimumClients` clients), the unsuppressed non-exempt cell with the fewest clients (then the
    /// lowest index) is suppressed as well; if none is left, the total is suppressed.
    public init(cells: [Cell], totalClients: Int64, minimumClients: Int) {
        let minimum = Int64(minimumClients)
        suppressed = Set(cells.indices.filter { !cells[$0].isExempt && cells[$0].clients < minimum })
        complementary = []
        suppressesTotal = totalClients < minimum && !cells.allSatisfy(\.isExempt)
        guard !suppressed.isEmpty, !suppressesTotal else { return }
        func isRecoverable(_ set: Set<Int>) -> Bool {
            // Distinct clients do not add up across groups, so the sum is an upper bound on the
            // clients behind the suppressed groups together: small means recoverable for sure.
            set.count == 1 || set.reduce(0) { $0 + cells[$1].clients } < minimum
        }
        while isRecoverable(suppressed) {
            let candidates = cells.indices.filter { !suppressed.contains($0) && !cells[$0].isExempt }
            guard let next = candidates.min(by: { (cells[$0].clients, $0) < (cells[$1].clients, $1) }) else {
                suppressesTotal = true
                return
            }
            suppressed.insert(next)
            complementary.insert(next)
        }
    }
}
