/// The rows of one partner (lead partner first, then in the order of project.yaml).
public struct MatrixPartnerGroup: Sendable, Hashable {
    /// The partner.
    public var partner: Partner
    /// Its instruments' rows, ordered by instrument id.
    public var rows: [MatrixRow]

    /// Creates a group.
    init(partner: Partner, rows: [MatrixRow]) {
        self.partner = partner
        self.rows = rows
    }

    /// Whether the partner is the lead partner.
    public var isLead: Bool { partner.role == .leadPartner }
}
