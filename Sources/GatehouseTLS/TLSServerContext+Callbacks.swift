import CGatehouseOpenSSL

/// The C callbacks of the policy context. Each finds the Swift `TLSServerContext` through its argument (or the
/// `SSL_CTX` ex-data) as an unretained pointer: safe because every connection's handler retains the context.
extension TLSServerContext {
    static func from(_ arg: UnsafeMutableRawPointer?) -> TLSServerContext? {
        arg.map { Unmanaged<TLSServerContext>.fromOpaque($0).takeUnretainedValue() }
    }

    static func serverName(of ssl: OpaquePointer?) -> String? {
        guard let name = SSL_get_servername(ssl, Int32(TLSEXT_NAMETYPE_host_name)) else { return nil }
        return String(cString: name)
    }

    /// SNI: refuses unknown names with `unrecognized_name` when configured to; otherwise lets the handshake go on.
    static let serverNameCallback: gh_servername_cb = { ssl, alert, arg in
        guard let context = TLSServerContext.from(arg) else { return SSL_TLSEXT_ERR_ALERT_FATAL }
        let slot = context.prepared.load(ordering: .acquiring).snapshot.index.selectSlot(
            serverName: TLSServerContext.serverName(of: ssl),
            rejectUnknownNames: context.configuration.rejectUnknownServerNames)
        if slot == nil {
            alert?.pointee = SSL_AD_UNRECOGNIZED_NAME
            return SSL_TLSEXT_ERR_ALERT_FATAL
        }
        return SSL_TLSEXT_ERR_OK
    }

    /// Certificate choice (full handshakes only): switches the connection to the prepared `SSL_CTX` holding every
    /// pair serving the SNI name (RSA and ECDSA side by side; OpenSSL then picks by the client's signature
    /// algorithms). If that context could not be prepared, installs the pairs one by one. Returns 0 to fail the
    /// handshake.
    static let certificateCallback: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Int32 = { ssl, arg in
        guard let ssl, let context = TLSServerContext.from(arg) else { return 0 }
        let prepared = context.prepared.load(ordering: .acquiring)
        guard let (slot, _) = prepared.snapshot.index.selectSlot(
            serverName: TLSServerContext.serverName(of: ssl),
            rejectUnknownNames: context.configuration.rejectUnknownServerNames) else { return 0 }
        if let ctx = prepared.contexts[slot] {
            return SSL_set_SSL_CTX(ssl, ctx) == ctx ? 1 : 0
        }
        var installed = false
        for pair in prepared.snapshot.index.slots[slot] where pair.install(on: ssl) { installed = true }
        return installed ? 1 : 0
    }

    /// ALPN: server preference order; no overlap → no ALPN answer (HTTP/1.1 assumed).
    static let alpnCallback: @convention(c) (
        OpaquePointer?, UnsafeMutablePointer<UnsafePointer<UInt8>?>?, UnsafeMutablePointer<UInt8>?,
        UnsafePointer<UInt8>?, UInt32, UnsafeMutableRawPointer?
    ) -> Int32 = { _, out, outLength, offer, offerLength, arg in
        guard let context = TLSServerContext.from(arg), let offer, let out, let outLength else {
            return SSL_TLSEXT_ERR_NOACK
        }
        let decision = context.alpn.select(clientOffer: UnsafeRawBufferPointer(start: offer, count: Int(offerLength)))
        guard case .selected(_, let range) = decision else { return SSL_TLSEXT_ERR_NOACK }
        out.pointee = offer + range.lowerBound
        outLength.pointee = UInt8(truncatingIfNeeded: range.count)
        return SSL_TLSEXT_ERR_OK
    }

    /// Session tickets (TLS 1.2 and 1.3) with in-memory keys: encrypt with the current key; decrypt with any kept
    /// key, returning 2 (renew the ticket) when it is not the current one; unknown key → 0 (full handshake).
    static let ticketKeyCallback: @convention(c) (
        OpaquePointer?, UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt8>?, OpaquePointer?, OpaquePointer?, Int32
    ) -> Int32 = { ssl, keyName, iv, cipherContext, macContext, encrypt in
        guard let ssl, let keyName, let iv, let cipherContext, let macContext,
              let ctx = SSL_get_SSL_CTX(ssl),
              let context = TLSServerContext.from(SSL_CTX_get_ex_data(ctx, TLSServerContext.exDataIndex)) else {
            return -1
        }
        let keys = context.ticketKeys.keys
        if encrypt == 1 {
            guard let key = keys.current else { return 0 }  // no key: issue no ticket, the handshake goes on
            guard RAND_bytes(iv, 16) == 1 else { return -1 }
            key.name.withUnsafeBufferPointer { keyName.update(from: $0.baseAddress!, count: 16) }
            let ok = key.aesKey.withUnsafeBufferPointer {
                EVP_EncryptInit_ex(cipherContext, context.ticketCipher, nil, $0.baseAddress, iv) == 1
            }
            return ok && setMACKey(macContext, key) ? 1 : -1
        }
        guard let (key, isCurrent) = keys.key(named: keyName) else { return 0 }
        let ok = key.aesKey.withUnsafeBufferPointer {
            EVP_DecryptInit_ex(cipherContext, context.ticketCipher, nil, $0.baseAddress, iv) == 1
        }
        guard ok, setMACKey(macContext, key) else { return -1 }
        return isCurrent ? 1 : 2
    }

    private static func setMACKey(_ macContext: OpaquePointer, _ key: TicketKey) -> Bool {
        var hmacKey = key.hmacKey
        return hmacKey.withUnsafeMutableBytes { keyBytes in
            OSSL_MAC_PARAM_KEY.withCString { keyParam in
                OSSL_MAC_PARAM_DIGEST.withCString { digestParam in
                    "SHA256".withCString { digest in
                        var params = [
                            OSSL_PARAM_construct_octet_string(keyParam, keyBytes.baseAddress, keyBytes.count),
                            OSSL_PARAM_construct_utf8_string(digestParam, UnsafeMutablePointer(mutating: digest), 0),
                            OSSL_PARAM_construct_end(),
                        ]
                        return EVP_MAC_CTX_set_params(macContext, &params) == 1
                    }
                }
            }
        }
    }
}
