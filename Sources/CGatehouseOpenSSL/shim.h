#ifndef CGATEHOUSE_OPENSSL_SHIM_H
#define CGATEHOUSE_OPENSSL_SHIM_H
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/rand.h>
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>

/*
 * Shims for OpenSSL names that Swift cannot call because they are macros (TECH-NOTES §1.7).
 * Every shim is `static inline` (or `static const`) so this header stays the only C in the module:
 * no separate C target is needed. Names are the OpenSSL name with a `gh_` prefix.
 * Only GatehouseTLS (and its test target) import this module.
 */

/* ---- SSL_OP_* option bits (all macros in 3.0) ---- */
static const uint64_t gh_SSL_OP_NO_COMPRESSION = SSL_OP_NO_COMPRESSION;
static const uint64_t gh_SSL_OP_NO_RENEGOTIATION = SSL_OP_NO_RENEGOTIATION;
static const uint64_t gh_SSL_OP_CIPHER_SERVER_PREFERENCE = SSL_OP_CIPHER_SERVER_PREFERENCE;
static const uint64_t gh_SSL_OP_PRIORITIZE_CHACHA = SSL_OP_PRIORITIZE_CHACHA;
static const uint64_t gh_SSL_OP_NO_TICKET = SSL_OP_NO_TICKET;
static const uint64_t gh_SSL_OP_IGNORE_UNEXPECTED_EOF = SSL_OP_IGNORE_UNEXPECTED_EOF;
static const uint64_t gh_SSL_OP_NO_SSLv3 = SSL_OP_NO_SSLv3;
static const uint64_t gh_SSL_OP_NO_TLSv1 = SSL_OP_NO_TLSv1;
static const uint64_t gh_SSL_OP_NO_TLSv1_1 = SSL_OP_NO_TLSv1_1;

/* ---- context and connection settings ---- */
static inline int gh_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_min_proto_version(ctx, version);
}
static inline int gh_SSL_CTX_set_max_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_max_proto_version(ctx, version);
}
static inline int gh_SSL_set_min_proto_version(SSL *ssl, int version) {
    return (int)SSL_set_min_proto_version(ssl, version);
}
static inline int gh_SSL_set_max_proto_version(SSL *ssl, int version) {
    return (int)SSL_set_max_proto_version(ssl, version);
}
static inline int gh_SSL_CTX_set1_groups_list(SSL_CTX *ctx, const char *list) {
    return (int)SSL_CTX_set1_groups_list(ctx, list);
}
static inline int gh_SSL_set1_groups_list(SSL *ssl, const char *list) {
    return (int)SSL_set1_groups_list(ssl, list);
}
static inline int gh_SSL_set1_sigalgs_list(SSL *ssl, const char *list) {
    return (int)SSL_set1_sigalgs_list(ssl, list);
}
static inline long gh_SSL_CTX_set_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_mode(ctx, mode);
}
static inline long gh_SSL_CTX_get_mode(SSL_CTX *ctx) {
    return SSL_CTX_get_mode(ctx);
}
static inline long gh_SSL_CTX_set_dh_auto(SSL_CTX *ctx, int on) {
    return SSL_CTX_set_dh_auto(ctx, on);
}

/* ---- session cache ---- */
static const long gh_SSL_SESS_CACHE_OFF = SSL_SESS_CACHE_OFF;
static const long gh_SSL_SESS_CACHE_SERVER = SSL_SESS_CACHE_SERVER;
static inline long gh_SSL_CTX_set_session_cache_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_session_cache_mode(ctx, mode);
}
static inline long gh_SSL_CTX_sess_set_cache_size(SSL_CTX *ctx, long size) {
    return SSL_CTX_sess_set_cache_size(ctx, size);
}
static inline long gh_SSL_CTX_sess_number(SSL_CTX *ctx) {
    return SSL_CTX_sess_number(ctx);
}
static inline long gh_SSL_CTX_sess_hits(SSL_CTX *ctx) {
    return SSL_CTX_sess_hits(ctx);
}

/* ---- SNI ---- */
typedef int (*gh_servername_cb)(SSL *ssl, int *alert, void *arg);
static inline long gh_SSL_CTX_set_tlsext_servername_callback(SSL_CTX *ctx, gh_servername_cb cb) {
    return SSL_CTX_set_tlsext_servername_callback(ctx, cb);
}
static inline long gh_SSL_CTX_set_tlsext_servername_arg(SSL_CTX *ctx, void *arg) {
    return SSL_CTX_set_tlsext_servername_arg(ctx, arg);
}
/* Client side (tests): put the server name into the ClientHello. */
static inline int gh_SSL_set_tlsext_host_name(SSL *ssl, const char *name) {
    return (int)SSL_set_tlsext_host_name(ssl, name);
}

/* ---- ex-data indices ---- */
static inline int gh_SSL_CTX_get_ex_new_index(void) {
    return SSL_CTX_get_ex_new_index(0, NULL, NULL, NULL, NULL);
}
static inline int gh_SSL_get_ex_new_index(void) {
    return SSL_get_ex_new_index(0, NULL, NULL, NULL, NULL);
}

/* ---- BIO ---- */
static inline long gh_BIO_set_mem_eof_return(BIO *bio, int value) {
    return BIO_set_mem_eof_return(bio, value);
}
static const int gh_BIO_FLAGS_RWS = BIO_FLAGS_RWS;

/* ---- chains (STACK_OF(X509) macros) ---- */
static inline STACK_OF(X509) *gh_sk_X509_new_null(void) { return sk_X509_new_null(); }
static inline int gh_sk_X509_push(STACK_OF(X509) *sk, X509 *x) { return sk_X509_push(sk, x); }
static inline int gh_sk_X509_num(const STACK_OF(X509) *sk) { return sk_X509_num(sk); }
static inline X509 *gh_sk_X509_value(const STACK_OF(X509) *sk, int i) { return sk_X509_value(sk, i); }
static inline void gh_sk_X509_pop_free(STACK_OF(X509) *sk) { sk_X509_pop_free(sk, X509_free); }

/* ---- subject alternative names (STACK_OF(GENERAL_NAME) macros) ---- */
static inline int gh_sk_GENERAL_NAME_num(const STACK_OF(GENERAL_NAME) *sk) { return sk_GENERAL_NAME_num(sk); }
static inline GENERAL_NAME *gh_sk_GENERAL_NAME_value(const STACK_OF(GENERAL_NAME) *sk, int i) {
    return sk_GENERAL_NAME_value(sk, i);
}
static inline void gh_GENERAL_NAMES_free(STACK_OF(GENERAL_NAME) *sk) { GENERAL_NAMES_free(sk); }
/* The SAN extension of a certificate (NULL if absent); free with gh_GENERAL_NAMES_free. */
static inline STACK_OF(GENERAL_NAME) *gh_X509_get_subject_alt_names(const X509 *x) {
    return (STACK_OF(GENERAL_NAME) *)X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
}
static inline int gh_GENERAL_NAME_type(const GENERAL_NAME *name) { return name->type; }
/* DNS or IP payload of a GENERAL_NAME as an ASN1_STRING (NULL for other types). */
static inline const ASN1_STRING *gh_GENERAL_NAME_string(const GENERAL_NAME *name) {
    if (name->type == GEN_DNS) return name->d.dNSName;
    if (name->type == GEN_IPADD) return name->d.iPAddress;
    return NULL;
}

/* ---- memory ---- */
static inline void gh_OPENSSL_free(void *p) { OPENSSL_free(p); }

/* ---- key generation (EVP_EC_gen / EVP_RSA_gen are variadic macros) ---- */
static inline EVP_PKEY *gh_EVP_EC_gen(const char *curve) { return EVP_EC_gen(curve); }
static inline EVP_PKEY *gh_EVP_RSA_gen(unsigned int bits) { return EVP_RSA_gen(bits); }

/* ---- X509v3 extension context without a config database ---- */
static inline void gh_X509V3_set_ctx_nodb(X509V3_CTX *ctx) { X509V3_set_ctx_nodb(ctx); }

#endif
