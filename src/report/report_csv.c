/* CSV tables (RFC 4180, UTF-8) and the Frictionless data package that describes them. */
#include "xaso/report_files.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xaso/utf8.h"

void csv_append_cell(strbuf *sb, const char *text, bool is_text)
{
    if (!text || !*text)
        return;
    bool quote = false, neutralise = false;
    if (is_text && strchr("=+-@\t\r", text[0]))
        neutralise = quote = true;
    for (const char *c = text; *c; c++)
        if (*c == ',' || *c == '"' || *c == '\n' || *c == '\r')
            quote = true;
    if (quote)
        sb_putc(sb, '"');
    if (neutralise)
        sb_putc(sb, '\'');
    for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
        if (*c == '"')
            sb_append(sb, "\"\"");
        else if (*c == '\n' || *c == '\t' || *c >= 0x20) {
            if (*c == 0x7F)
                continue;
            /* C1 controls: U+0080..U+009F, encoded C2 80..C2 9F */
            if (*c == 0xC2 && c[1] >= 0x80 && c[1] <= 0x9F) {
                c++;
                continue;
            }
            sb_putc(sb, (char)*c);
        }
    }
    if (quote)
        sb_putc(sb, '"');
}

void report_table_csv(const report_table *t, const report_data *d, strbuf *out)
{
    for (size_t f = 0; f < t->n_fields; f++) {
        if (f)
            sb_putc(out, ',');
        sb_append(out, t->fields[f].name);
    }
    sb_append(out, "\r\n");
    size_t n = t->count(d);
    for (size_t i = 0; i < n; i++) {
        const char *cells[REPORT_MAX_FIELDS] = {0};
        char scratch[REPORT_MAX_FIELDS][48];
        memset(scratch, 0, sizeof scratch);
        t->row(d, i, cells, scratch);
        for (size_t f = 0; f < t->n_fields; f++) {
            if (f)
                sb_putc(out, ',');
            csv_append_cell(out, cells[f], t->fields[f].type == FIELD_STRING);
        }
        sb_append(out, "\r\n");
    }
}

static void json_list(strbuf *sb, const char *csv)
{
    sb_putc(sb, '[');
    const char *p = csv;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        char item[64];
        snprintf(item, sizeof item, "%.*s", (int)n, p);
        if (p != csv)
            sb_append(sb, ", ");
        sb_append_json(sb, item);
        p += n;
        if (*p)
            p++;
    }
    sb_putc(sb, ']');
}

static void field_json(strbuf *sb, const report_field *f)
{
    sb_append(sb, "          {\"name\": ");
    sb_append_json(sb, f->name);
    sb_appendf(sb, ", \"type\": \"%s\", \"title\": ", report_field_type_name(f->type));
    sb_append_json(sb, f->title);
    if (f->type == FIELD_BOOLEAN)
        sb_append(sb, ", \"trueValues\": [\"true\"], \"falseValues\": [\"false\"]");
    if (f->required || f->enums || f->minimum || f->maximum) {
        sb_append(sb, ", \"constraints\": {");
        const char *sep = "";
        if (f->required) {
            sb_append(sb, "\"required\": true");
            sep = ", ";
        }
        if (f->enums) {
            sb_appendf(sb, "%s\"enum\": ", sep);
            char list[256];
            snprintf(list, sizeof list, "%s", f->enums);
            for (char *c = list; *c; c++)
                if (*c == '|')
                    *c = ',';
            json_list(sb, list);
            sep = ", ";
        }
        if (f->minimum) {
            sb_appendf(sb, "%s\"minimum\": %s", sep, f->minimum);
            sep = ", ";
        }
        if (f->maximum)
            sb_appendf(sb, "%s\"maximum\": %s", sep, f->maximum);
        sb_putc(sb, '}');
    }
    sb_putc(sb, '}');
}

/* A lower-case ASCII name: [a-z0-9._-] only. */
static void package_name(strbuf *sb, const char *s)
{
    char *folded = utf8_fold(s ? s : "");
    for (const char *c = folded ? folded : ""; *c; c++) {
        char ch = (char)tolower((unsigned char)*c);
        sb_putc(sb, (isalnum((unsigned char)ch) && (unsigned char)ch < 0x80) || ch == '.' ||
                            ch == '_' || ch == '-'
                        ? ch
                        : '-');
    }
    free(folded);
}

void report_datapackage_json(const report_data *d, const char *document_name, strbuf *out)
{
    size_t n;
    const report_table *t = report_tables(&n);
    sb_append(out, "{\n  \"profile\": \"tabular-data-package\",\n  \"name\": \"xaso-");
    package_name(out, d->office_code);
    sb_putc(out, '-');
    package_name(out, d->plan_key);
    sb_putc(out, '-');
    package_name(out, d->period);
    if (*d->sender) {
        sb_putc(out, '-');
        package_name(out, d->sender);
    }
    sb_append(out, "\",\n  \"title\": ");
    strbuf title = STRBUF_INIT;
    sb_appendf(&title, "Báo cáo kết quả thực hiện %s, %s", d->plan_title, d->period_title);
    sb_append_json(out, sb_str(&title));
    sb_free(&title);
    if (d->finalised_at) {
        sb_append(out, ",\n  \"created\": ");
        sb_append_json(out, d->finalised_at);
    }
    sb_append(out, ",\n  \"xaso\": {\"office_code\": ");
    sb_append_json(out, d->office_code);
    sb_append(out, ", \"plan_key\": ");
    sb_append_json(out, d->plan_key);
    sb_append(out, ", \"plan_symbol\": ");
    if (d->plan_symbol)
        sb_append_json(out, d->plan_symbol);
    else
        sb_append(out, "null");
    sb_append(out, ", \"period\": ");
    sb_append_json(out, d->period);
    sb_append(out, ", \"sender\": ");
    sb_append_json(out, d->sender);
    sb_append(out, ", \"document\": ");
    sb_append_json(out, document_name);
    sb_append(out, "},\n  \"resources\": [\n");
    size_t all = n + d->n_extra_tables;
    for (size_t i = 0; i < all; i++) {
        const report_table *ti = i < n ? &t[i] : &d->extra_tables[i - n];
        sb_appendf(out,
                   "    {\n      \"profile\": \"tabular-data-resource\",\n      \"name\": \"%s\","
                   "\n      \"path\": \"%s\",\n      \"title\": ",
                   ti->name, ti->path);
        sb_append_json(out, ti->title);
        sb_append(out, ",\n      \"format\": \"csv\",\n      \"mediatype\": \"text/csv\",\n"
                       "      \"encoding\": \"utf-8\",\n      \"dialect\": {\"delimiter\": \",\", "
                       "\"lineTerminator\": \"\\r\\n\", \"quoteChar\": \"\\\"\", "
                       "\"doubleQuote\": true, \"header\": true},\n      \"schema\": {\n"
                       "        \"fields\": [\n");
        for (size_t f = 0; f < ti->n_fields; f++) {
            field_json(out, &ti->fields[f]);
            sb_append(out, f + 1 < ti->n_fields ? ",\n" : "\n");
        }
        sb_append(out, "        ],\n        \"missingValues\": [\"\"],\n        \"primaryKey\": ");
        json_list(out, ti->primary_key);
        bool any_fk = false;
        for (size_t k = 0; k < 2; k++) {
            const report_foreign_key *fk = &ti->foreign_keys[k];
            if (!fk->fields)
                continue;
            sb_append(out, any_fk ? ", " : ",\n        \"foreignKeys\": [");
            any_fk = true;
            sb_append(out, "{\"fields\": ");
            json_list(out, fk->fields);
            sb_appendf(out, ", \"reference\": {\"resource\": \"%s\", \"fields\": ", fk->resource);
            json_list(out, fk->reference);
            sb_append(out, "}}");
        }
        if (any_fk)
            sb_putc(out, ']');
        sb_appendf(out, "\n      }\n    }%s\n", i + 1 < all ? "," : "");
    }
    sb_append(out, "  ]\n}\n");
}

void xml_append_text(strbuf *sb, const char *text)
{
    if (!text)
        return;
    for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
        switch (*c) {
        case '&':
            sb_append(sb, "&amp;");
            break;
        case '<':
            sb_append(sb, "&lt;");
            break;
        case '>':
            sb_append(sb, "&gt;");
            break;
        case '"':
            sb_append(sb, "&quot;");
            break;
        case '\'':
            sb_append(sb, "&apos;");
            break;
        default:
            if (*c == '\n' || *c == '\t')
                sb_putc(sb, (char)*c);
            else if (*c == 0xC2 && c[1] >= 0x80 && c[1] <= 0x9F)
                c++; /* C1 control */
            else if (*c >= 0x20 && *c != 0x7F)
                sb_putc(sb, (char)*c);
        }
    }
}
