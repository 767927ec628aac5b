#include "bag.h"

#include <openssl/evp.h>

void sha256_hex(const void *data, size_t len, char *out)
{
    static const char digits[] = "0123456789abcdef";
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_Digest(data, len, md, &n, EVP_sha256(), NULL);
    for (unsigned i = 0; i < n; i++) {
        out[2 * i] = digits[md[i] >> 4];
        out[2 * i + 1] = digits[md[i] & 15];
    }
    out[2 * n] = '\0';
}

void bag_manifest(strbuf *out, const bag_line *lines, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        sb_append(out, lines[i].sha256);
        sb_append(out, "  ");
        for (const char *c = lines[i].path; *c; c++) {
            if (*c == '\r')
                sb_append(out, "%0D");
            else if (*c == '\n')
                sb_append(out, "%0A");
            else if (*c == '%')
                sb_append(out, "%25");
            else
                sb_putc(out, *c);
        }
        sb_putc(out, '\n');
    }
}

void bag_info_line(strbuf *out, const char *label, const char *value)
{
    sb_append(out, label);
    sb_append(out, ": ");
    for (const unsigned char *c = (const unsigned char *)(value ? value : ""); *c; c++)
        sb_putc(out, *c < 0x20 || *c == 0x7F ? ' ' : (char)*c);
    sb_putc(out, '\n');
}
