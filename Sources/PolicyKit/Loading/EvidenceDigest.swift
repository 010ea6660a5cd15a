internal import Crypto
import Foundation

/// The SHA-256 of an evidence file, to check that it is the one its `sha256` records.
///
/// The hash itself is apple/swift-crypto's; this is only the one place that turns bytes into the
/// 64 lower-case hexadecimal digits written in instrument files.
package enum EvidenceDigest {
    /// The SHA-256 digest of `bytes` as 64 lower-case hexadecimal digits.
    package static func sha256(_ bytes: [UInt8]) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
