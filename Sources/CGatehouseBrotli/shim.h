#ifndef CGATEHOUSE_BROTLI_SHIM_H
#define CGATEHOUSE_BROTLI_SHIM_H
#include <brotli/encode.h>
#include <brotli/decode.h>
#endif
