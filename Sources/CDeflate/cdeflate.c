#include "cdeflate.h"
#include <zlib.h>
#include <string.h>

// One stream of each kind per thread, reset for every call: deflateInit2 allocates about
// 270 KB, and a payload is a few hundred bytes. They live as long as their thread.
static _Thread_local z_stream deflater;
static _Thread_local int deflater_ready = 0;
static _Thread_local z_stream inflater;
static _Thread_local int inflater_ready = 0;

size_t cdeflate_bound(size_t len) {
    return (size_t)compressBound((uLong)len) + 16;
}

long cdeflate_compress(const unsigned char *in, size_t len, const unsigned char *dict, size_t dict_len,
                       unsigned char *out, size_t cap) {
    if (!deflater_ready) {
        memset(&deflater, 0, sizeof deflater);
        if (deflateInit2(&deflater, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) return -1;
        deflater_ready = 1;
    } else if (deflateReset(&deflater) != Z_OK) {
        return -1;
    }
    if (dict_len > 0 && deflateSetDictionary(&deflater, dict, (uInt)dict_len) != Z_OK) return -1;
    deflater.next_in = (Bytef *)in;
    deflater.avail_in = (uInt)len;
    deflater.next_out = out;
    deflater.avail_out = (uInt)cap;
    int status = deflate(&deflater, Z_FINISH);
    if (status != Z_STREAM_END) return -1;
    return (long)(cap - deflater.avail_out);
}

long cdeflate_decompress(const unsigned char *in, size_t len, const unsigned char *dict, size_t dict_len,
                         unsigned char *out, size_t cap) {
    if (!inflater_ready) {
        memset(&inflater, 0, sizeof inflater);
        if (inflateInit2(&inflater, -15) != Z_OK) return -1;
        inflater_ready = 1;
    } else if (inflateReset(&inflater) != Z_OK) {
        return -1;
    }
    // A raw stream takes its dictionary before any input.
    if (dict_len > 0 && inflateSetDictionary(&inflater, dict, (uInt)dict_len) != Z_OK) return -1;
    inflater.next_in = (Bytef *)in;
    inflater.avail_in = (uInt)len;
    inflater.next_out = out;
    inflater.avail_out = (uInt)cap;
    int status = inflate(&inflater, Z_FINISH);
    if (status != Z_STREAM_END || inflater.avail_in != 0) return -1;
    return (long)(cap - inflater.avail_out);
}
