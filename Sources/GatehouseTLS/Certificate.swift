import CGatehouseOpenSSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An X.509 certificate (owns one `X509*` reference, freed in `deinit`). Immutable once made.
public final class Certificate: @unchecked Sendable {
    /// The `X509*`; this object owns one reference.
    let ref: OpaquePointer

    /// Takes over one reference to `x509`.
    init(takingOwnershipOf x509: OpaquePointer) {
        self.ref = x509
    }

    deinit {
        X509_free(ref)
    }

    /// Start of validity, in epoch seconds.
    public var notBefore: Int64 { Certificate.epochSeconds(X509_get0_notBefore(ref)) }

    /// End of validity, in epoch seconds.
    public var notAfter: Int64 { Certificate.epochSeconds(X509_get0_notAfter(ref)) }

    /// The serial number in upper-case hex, as `openssl x509 -serial` prints it.
    public var serialNumberHex: String {
        guard let serial = X509_get_serialNumber(ref), let bn = ASN1_INTEGER_to_BN(serial, nil) else { return "" }
        defer { BN_free(bn) }
        guard let hex = BN_bn2hex(bn) else { return "" }
        defer { gh_OPENSSL_free(hex) }
        return String(cString: hex)
    }

    /// The subject's common name, if any.
    public var commonName: String? {
        guard let name = X509_get_subject_name(ref) else { return nil }
        let index = X509_NAME_get_index_by_NID(name, NID_commonName, -1)
        guard index >= 0, let entry = X509_NAME_get_entry(name, index),
              let data = X509_NAME_ENTRY_get_data(entry) else { return nil }
        var utf8: UnsafeMutablePointer<UInt8>?
        let length = ASN1_STRING_to_UTF8(&utf8, data)
        guard length >= 0, let utf8 else { return nil }
        defer { gh_OPENSSL_free(utf8) }
        return String(decoding: UnsafeBufferPointer(start: utf8, count: Int(length)), as: UTF8.self)
    }

    /// The DNS names of the subject alternative name extension, in order.
    public var dnsNames: [String] {
        subjectAlternativeNames(type: GEN_DNS)
    }

    /// The IP addresses of the subject alternative name extension, as text (`127.0.0.1`, `::1`).
    public var ipAddresses: [String] {
        subjectAlternativeNames(type: GEN_IPADD)
    }

    /// Every name the certificate is for: SAN DNS names and IP addresses; the CN only when there is no SAN.
    public var subjectNames: [String] {
        let names = dnsNames + ipAddresses
        if names.isEmpty, let cn = commonName { return [cn] }
        return names
    }

    /// A short description for messages: `CN=…` or the one-line subject.
    public var subjectSummary: String {
        if let cn = commonName { return "CN=\(cn)" }
        guard let name = X509_get_subject_name(ref), let line = X509_NAME_oneline(name, nil, 0) else { return "?" }
        defer { gh_OPENSSL_free(line) }
        return String(cString: line)
    }

    /// Whether the certificate covers `name`: a host name (wildcards in the certificate honoured) or an IP address.
    /// A configured wildcard such as `*.example.test` is covered when the certificate matches any single label under it.
    public func covers(_ name: String) -> Bool {
        if ServerNameIndex<Int>.isIPAddress(name) {
            return X509_check_ip_asc(ref, name, 0) == 1
        }
        var host = name
        if host.hasPrefix("*.") { host = "gatehouse-wildcard-probe" + host.dropFirst(1) }
        return X509_check_host(ref, host, host.utf8.count, 0, nil) == 1
    }

    /// Whether `self` issued `child`: names, key identifiers and key usage (`X509_check_issued`) and the signature.
    func issued(_ child: Certificate) -> Bool {
        guard X509_check_issued(ref, child.ref) == X509_V_OK else { return false }
        guard let key = X509_get0_pubkey(ref) else { return false }
        let verified = X509_verify(child.ref, key) == 1
        OpenSSLErrorQueue.clear()
        return verified
    }

    /// The certificate in PEM.
    public func pemEncoded() -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        guard PEM_write_bio_X509(bio, ref) == 1 else { return "" }
        return String(decoding: MemoryBIO.contents(bio), as: UTF8.self)
    }

    private func subjectAlternativeNames(type wanted: Int32) -> [String] {
        guard let names = gh_X509_get_subject_alt_names(ref) else { return [] }
        defer { gh_GENERAL_NAMES_free(names) }
        var result: [String] = []
        for i in 0..<gh_sk_GENERAL_NAME_num(names) {
            guard let entry = gh_sk_GENERAL_NAME_value(names, i), gh_GENERAL_NAME_type(entry) == wanted,
                  let string = gh_GENERAL_NAME_string(entry), let data = ASN1_STRING_get0_data(string) else { continue }
            let bytes = Array(UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(string))))
            if wanted == GEN_DNS {
                result.append(String(decoding: bytes, as: UTF8.self))
            } else if let text = Certificate.ipText(bytes) {
                result.append(text)
            }
        }
        return result
    }

    private static func ipText(_ bytes: [UInt8]) -> String? {
        let family: Int32
        switch bytes.count {
        case 4: family = AF_INET
        case 16: family = AF_INET6
        default: return nil
        }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let ok = bytes.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &text, socklen_t(text.count)) != nil
        }
        return ok ? String(cString: text) : nil
    }

    /// Converts an `ASN1_TIME` to epoch seconds (0 when it cannot be read).
    static func epochSeconds(_ time: UnsafePointer<ASN1_TIME>?) -> Int64 {
        guard let time else { return 0 }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { return 0 }
        return Int64(timegm(&parts))
    }
}
