#ifndef CDEFLATE_H
#define CDEFLATE_H

#include <stddef.h>

/// Raw DEFLATE (RFC 1951) with a preset dictionary, through zlib: how the store keeps event
/// payloads small. zlib.h stays inside the shim, so this module never clashes with another
/// package's zlib module.

/// Compresses `in` (level 6, 32 KiB window, preset `dict`) into `out`, which holds `cap` bytes.
/// Returns the length written, or -1 when it does not fit or zlib fails.
long cdeflate_compress(const unsigned char *in, size_t len, const unsigned char *dict, size_t dict_len,
                       unsigned char *out, size_t cap);

/// Inflates a raw DEFLATE stream made with `dict` into `out`, which holds `cap` bytes. Returns
/// the length written, or -1 when the stream is damaged, does not end where `in` ends, or
/// would be longer than `cap`.
long cdeflate_decompress(const unsigned char *in, size_t len, const unsigned char *dict, size_t dict_len,
                         unsigned char *out, size_t cap);

/// The most `cdeflate_compress` can write for `len` bytes.
size_t cdeflate_bound(size_t len);

#endif
