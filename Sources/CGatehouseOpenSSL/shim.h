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
/* Shims for macros Swift cannot import are added by GatehouseTLS's owner. */
#endif
