import Foundation
import PolicyKit
import Testing

@Suite("SHA-256 of evidence files (swift-crypto)")
struct EvidenceDigestTests {
    @Test("The FIPS 180-4 test vectors", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func vectors(message: String, digest: String) {
        #expect(EvidenceDigest.sha256(Array(message.utf8)) == digest)
    }

    @Test("Messages around the padding boundaries and longer than one block")
    func boundaries() {
        // Lengths 55, 56 and 64 change how the padding spills into a second block.
        #expect(EvidenceDigest.sha256([UInt8](repeating: 0x61, count: 55)) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        #expect(EvidenceDigest.sha256([UInt8](repeating: 0x61, count: 56)) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
        #expect(EvidenceDigest.sha256([UInt8](repeating: 0x61, count: 64)) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
        #expect(EvidenceDigest.sha256([UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("The digest of a shipped evidence file is the one its instrument records")
    func evidenceFile() {
        let file = Fixtures.shipped.appendingPathComponent("evidence/gr-peloponnese-rop/call-social-economy-2025.txt")
        #expect(EvidenceDigest.sha256(Fixtures.bytes(file)) == "3e75702426b4e6c87a2be5b97971522fd2baad564cafa48c50860423b54a1eaa")
    }
}
