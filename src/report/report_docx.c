/* The report document as .docx (Office Open XML), laid out as Vietnamese administrative documents
 * are (Nghị định 30/2020/NĐ-CP): issuing body top-left, the national motto top-right, number and
 * symbol, place and date, title, body with the results tables, recipients and signature block.
 * The Vietnamese wording here is the document's content, not interface text. */
#include "xaso/report_files.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <zip.h>

#include "xaso/chart.h"
#include "xaso/format.h"
#include "xaso/i18n.h"
#include "xaso/value.h"

/* A4, margins 20 mm top/bottom, 30 mm left, 15 mm right (in twentieths of a point). */
enum { PAGE_W = 11906, PAGE_H = 16838, MARGIN_L = 1701, MARGIN_R = 851, MARGIN_TB = 1134,
       TEXT_W = PAGE_W - MARGIN_L - MARGIN_R };

typedef struct {
    bool bold, italic, underline;
    int size;          /* half-points; 0 = the default (13 pt) */
    const char *align; /* "left", "center", "both", "right" */
    int before, after; /* spacing in twips */
    int first_line;    /* first-line indent in twips */
} para_style;

static char *upper(const char *s)
{
    strbuf sb = STRBUF_INIT;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(s ? s : "");
    utf8proc_int32_t cp;
    while (*p) {
        utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
        if (n <= 0) {
            p++;
            continue;
        }
        utf8proc_uint8_t buf[4];
        utf8proc_ssize_t k = utf8proc_encode_char(utf8proc_toupper(cp), buf);
        sb_append_len(&sb, (const char *)buf, (size_t)k);
        p += n;
    }
    return sb_detach(&sb);
}

static void run(strbuf *sb, const char *text, const para_style *st)
{
    /* a line break inside the text becomes <w:br/> */
    const char *p = text ? text : "";
    do {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        sb_append(sb, "<w:r><w:rPr>");
        if (st->bold)
            sb_append(sb, "<w:b/>");
        if (st->italic)
            sb_append(sb, "<w:i/>");
        if (st->underline)
            sb_append(sb, "<w:u w:val=\"single\"/>");
        if (st->size)
            sb_appendf(sb, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>", st->size, st->size);
        sb_append(sb, "</w:rPr><w:t xml:space=\"preserve\">");
        char *part = xstrndup(p, n);
        xml_append_text(sb, part);
        free(part);
        sb_append(sb, "</w:t></w:r>");
        if (nl)
            sb_append(sb, "<w:r><w:br/></w:r>");
        p = nl ? nl + 1 : NULL;
    } while (p);
}

static void para(strbuf *sb, const char *text, para_style st)
{
    sb_appendf(sb, "<w:p><w:pPr><w:spacing w:before=\"%d\" w:after=\"%d\"/>", st.before,
               st.after);
    if (st.first_line)
        sb_appendf(sb, "<w:ind w:firstLine=\"%d\"/>", st.first_line);
    sb_appendf(sb, "<w:jc w:val=\"%s\"/></w:pPr>", st.align ? st.align : "both");
    if (text && *text)
        run(sb, text, &st);
    sb_append(sb, "</w:p>");
}

static void body(strbuf *sb, const char *text)
{
    para(sb, text, (para_style){.align = "both", .before = 60, .after = 60, .first_line = 567});
}

static void heading(strbuf *sb, const char *text)
{
    para(sb, text, (para_style){.bold = true, .align = "both", .before = 120, .after = 60,
                                .first_line = 567});
}

/* ---------- tables ---------- */

static void table_start(strbuf *sb, const int *widths, size_t n, bool borders)
{
    sb_append(sb, "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/>");
    if (borders)
        sb_append(sb, "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
                      "w:color=\"000000\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
                      "w:color=\"000000\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
                      "w:color=\"000000\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
                      "w:color=\"000000\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
                      "w:color=\"000000\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
                      "w:color=\"000000\"/></w:tblBorders>");
    sb_append(sb, "<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"60\" "
                  "w:type=\"dxa\"/><w:right w:w=\"60\" w:type=\"dxa\"/></w:tblCellMar>"
                  "</w:tblPr><w:tblGrid>");
    for (size_t i = 0; i < n; i++)
        sb_appendf(sb, "<w:gridCol w:w=\"%d\"/>", widths[i]);
    sb_append(sb, "</w:tblGrid>");
}

static void cell(strbuf *sb, int width, const char *text, para_style st)
{
    sb_appendf(sb, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr>", width);
    para(sb, text, st);
    sb_append(sb, "</w:tc>");
}

/* One row of cells; header rows are bold, centred and repeated on each page. */
static void table_row_sized(strbuf *sb, const int *widths, const char *const *cells, size_t n,
                            bool header, const char *aligns, int size, int spacing)
{
    sb_append(sb, header ? "<w:tr><w:trPr><w:tblHeader/></w:trPr>" : "<w:tr>");
    for (size_t i = 0; i < n; i++) {
        const char *align = header || (aligns && aligns[i] == 'c') ? "center"
                            : aligns && aligns[i] == 'r'           ? "right"
                                                                   : "left";
        cell(sb, widths[i], cells[i] ? cells[i] : "",
             (para_style){.bold = header, .size = size, .align = align, .before = spacing,
                          .after = spacing});
    }
    sb_append(sb, "</w:tr>");
}

static void table_row(strbuf *sb, const int *widths, const char *const *cells, size_t n,
                      bool header, const char *aligns)
{
    table_row_sized(sb, widths, cells, n, header, aligns, 22, 20);
}

/* The summary page's tables: 9 pt, no spacing, so that the page holds them. */
static void small_row(strbuf *sb, const int *widths, const char *const *cells, size_t n,
                      bool header, const char *aligns)
{
    table_row_sized(sb, widths, cells, n, header, aligns, 18, 0);
}

/* The document is Vietnamese whatever the interface language, so its numbers are too: "60,96",
 * "7.100"; rounded to at most `decimals` decimals. "—" when there is no number. */
static void fmt_number(char *buf, size_t size, report_number n, int decimals)
{
    if (!n.set || !*format_number_lang("vi", n.v, decimals, buf, size))
        snprintf(buf, size, "—");
}

enum { DEC_VALUE = 2, DEC_PERCENT = 1, DEC_MONEY = 3 };

static void targets_table(strbuf *sb, const report_data *d)
{
    static const int w[] = {600, 3700, 1500, 1800, 1471};
    static const char *const head[] = {"STT", "Chỉ tiêu", "Kế hoạch", "Kết quả kỳ này",
                                       "Đánh giá"};
    table_start(sb, w, 5, true);
    table_row(sb, w, head, 5, true, NULL);
    for (size_t i = 0; i < d->n_targets; i++) {
        const report_target *t = &d->targets[i];
        char stt[24], result[128], num[48];
        snprintf(stt, sizeof stt, "%zu", i + 1);
        if (t->no_data || !t->has_row)
            snprintf(result, sizeof result, "Chưa có số liệu");
        else if (t->value.set) {
            fmt_number(num, sizeof num, t->value, DEC_VALUE);
            snprintf(result, sizeof result, "%s%s%s", num,
                     t->measure_unit && strcmp(t->measure_unit, "%") ? " " : "",
                     t->measure_unit ? t->measure_unit : "");
        } else
            snprintf(result, sizeof result, "%s", t->value_text ? t->value_text : "—");
        strbuf name = STRBUF_INIT;
        sb_appendf(&name, "%s. %s", t->code, t->name);
        const char *cells[] = {stt, sb_str(&name), t->target_text ? t->target_text : "",
                               result, verdict_label_vi(t->verdict)};
        table_row(sb, w, cells, 5, false, "cllcc");
        sb_free(&name);
    }
    sb_append(sb, "</w:tbl>");
}

static void tasks_table(strbuf *sb, const report_data *d)
{
    static const int w[] = {800, 2771, 1500, 1300, 800, 1900};
    static const char *const head[] = {"Mã", "Nhiệm vụ", "Đơn vị chủ trì", "Tình trạng",
                                       "Tỷ lệ (%)", "Kết quả thực hiện, minh chứng"};
    table_start(sb, w, 6, true);
    table_row(sb, w, head, 6, true, NULL);
    for (size_t i = 0; i < d->n_tasks; i++) {
        const report_task *t = &d->tasks[i];
        char pct[48];
        fmt_number(pct, sizeof pct, t->has_update ? t->completion : (report_number){0},
                   DEC_PERCENT);
        strbuf result = STRBUF_INIT;
        if (t->has_update && t->done_text)
            sb_append(&result, t->done_text);
        int files = t->evidence_accepted + t->evidence_pending + t->evidence_rejected;
        if (files)
            sb_appendf(&result, "%s(%d minh chứng%s)", result.len ? "\n" : "", files,
                       t->evidence_rejected ? ", có minh chứng bị từ chối" : "");
        const char *status = t->has_update ? task_status_label_vi(t->counted) : "Chưa cập nhật";
        const char *cells[] = {t->code, t->name, t->leads, status, pct, sb_str(&result)};
        table_row(sb, w, cells, 6, false, "cllccl");
        sb_free(&result);
    }
    sb_append(sb, "</w:tbl>");
}

static void projects_table(strbuf *sb, const report_data *d)
{
    static const int w[] = {600, 3871, 1300, 1300, 1200, 800};
    static const char *const head[] = {"STT", "Nhiệm vụ, dự án", "Tổng mức đầu tư",
                                       "Kế hoạch năm", "Đã giải ngân", "Tỷ lệ (%)"};
    table_start(sb, w, 6, true);
    table_row(sb, w, head, 6, true, NULL);
    for (size_t i = 0; i < d->n_projects; i++) {
        const report_project *p = &d->projects[i];
        char stt[24], total[48], year[48], paid[48], rate[48];
        snprintf(stt, sizeof stt, "%zu", i + 1);
        fmt_number(total, sizeof total, p->budget_total, DEC_MONEY);
        fmt_number(year, sizeof year, p->year_total, DEC_MONEY);
        fmt_number(paid, sizeof paid, (report_number){true, p->disbursed}, DEC_MONEY);
        report_number r = {p->year_total.set && p->year_total.v > 0, 0};
        if (r.set)
            r.v = p->disbursed / p->year_total.v * 100;
        fmt_number(rate, sizeof rate, r, DEC_PERCENT);
        const char *cells[] = {stt, p->name, total, year, paid, rate};
        table_row(sb, w, cells, 6, false, "clrrrr");
    }
    sb_append(sb, "</w:tbl>");
}

/* Difficulties or proposals: the report's own text, else what the task updates say, grouped by
 * identical text. */
static void gathered(strbuf *sb, const report_data *d, const char *own, bool difficulties)
{
    if (own && *own) {
        body(sb, own);
        return;
    }
    bool any = false;
    for (size_t i = 0; i < d->n_tasks; i++) {
        const char *text = difficulties ? d->tasks[i].difficulties : d->tasks[i].proposals;
        if (!d->tasks[i].has_update || !text || !*text)
            continue;
        bool seen = false;
        for (size_t k = 0; k < i && !seen; k++) {
            const char *other = difficulties ? d->tasks[k].difficulties : d->tasks[k].proposals;
            seen = d->tasks[k].has_update && other && !strcmp(other, text);
        }
        if (seen)
            continue;
        strbuf line = STRBUF_INIT;
        sb_appendf(&line, "- %s (nhiệm vụ %s", text, d->tasks[i].code);
        for (size_t k = i + 1; k < d->n_tasks; k++) {
            const char *other = difficulties ? d->tasks[k].difficulties : d->tasks[k].proposals;
            if (d->tasks[k].has_update && other && !strcmp(other, text))
                sb_appendf(&line, ", %s", d->tasks[k].code);
        }
        sb_append(&line, ").");
        body(sb, sb_str(&line));
        sb_free(&line);
        any = true;
    }
    if (!any)
        body(sb, "Không có.");
}

static void next_tasks(strbuf *sb, const report_data *d)
{
    if (d->next_tasks && *d->next_tasks) {
        body(sb, d->next_tasks);
        return;
    }
    xaso_period next;
    xaso_date ns = 0, ne = 0;
    bool have = period_next(&d->p, &next) && period_calendar_window(&next, &ns, &ne);
    bool any = false;
    for (size_t i = 0; have && i < d->n_tasks; i++) {
        const report_task *t = &d->tasks[i];
        xaso_date due;
        if (task_status_is_done(t->counted) || !t->due_date || !date_parse_iso(t->due_date, &due) ||
            due > ne)
            continue;
        char when[16];
        date_format_vn(due, when, sizeof when);
        strbuf line = STRBUF_INIT;
        sb_appendf(&line, "- %s. %s (hạn %s%s).", t->code, t->name, when,
                   due < ns ? ", đã quá hạn" : "");
        body(sb, sb_str(&line));
        sb_free(&line);
        any = true;
    }
    body(sb, any ? "- Tiếp tục triển khai các nhiệm vụ thường xuyên theo Kế hoạch."
                 : "- Tiếp tục triển khai các nhiệm vụ chưa hoàn thành theo Kế hoạch.");
}

/* "phường Ngọc Sơn, tỉnh Thanh Hóa" → "Ngọc Sơn" */
static char *short_place(const report_data *d)
{
    const char *src = d->plan_place && *d->plan_place ? d->plan_place : d->office_name;
    const char *comma = strchr(src, ',');
    char *s = xstrndup(src, comma ? (size_t)(comma - src) : strlen(src));
    static const char *const prefixes[] = {"UBND ", "phường ", "xã ", "đặc khu ", "Phường ",
                                           "Xã ", "Đặc khu "};
    char *p = s;
    for (size_t again = 1; again;) {
        again = 0;
        for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
            if (!strncmp(p, prefixes[i], strlen(prefixes[i]))) {
                p += strlen(prefixes[i]);
                again = 1;
            }
    }
    char *out = xstrdup(p);
    free(s);
    return out;
}

static void header_block(strbuf *sb, const report_data *d)
{
    bool party = d->plan_chain && !strcmp(d->plan_chain, "dang");
    static const int w[] = {3700, TEXT_W - 3700};
    table_start(sb, w, 2, false);
    sb_append(sb, "<w:tr>");
    /* left: issuing body and the number */
    sb_appendf(sb, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr>", w[0]);
    char *office = upper(d->office_name);
    strbuf top = STRBUF_INIT;
    if (*d->sender) {
        para(sb, office, (para_style){.size = 24, .align = "center"});
        char *unit = upper(d->sender_name);
        para(sb, unit, (para_style){.bold = true, .size = 24, .align = "center"});
        free(unit);
    } else if (!strncmp(office, "UBND ", 5)) {
        para(sb, "ỦY BAN NHÂN DÂN", (para_style){.bold = true, .size = 24, .align = "center"});
        para(sb, office + 5, (para_style){.bold = true, .size = 24, .align = "center"});
    } else {
        para(sb, office, (para_style){.bold = true, .size = 24, .align = "center"});
    }
    free(office);
    para(sb, "———", (para_style){.size = 20, .align = "center"});
    if (d->symbol && *d->symbol)
        sb_appendf(&top, "Số: %s", d->symbol);
    else if (party)
        sb_append(&top, "Số       -BC/ĐU");
    else
        sb_append(&top, "Số:       /BC-UBND");
    para(sb, sb_str(&top), (para_style){.size = 26, .align = "center", .before = 60});
    sb_free(&top);
    sb_append(sb, "</w:tc>");
    /* right: the motto, place and date */
    sb_appendf(sb, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr>", w[1]);
    if (party) {
        para(sb, "ĐẢNG CỘNG SẢN VIỆT NAM",
             (para_style){.bold = true, .underline = true, .size = 26, .align = "center"});
        para(sb, "", (para_style){.size = 24, .align = "center"});
    } else {
        para(sb, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
             (para_style){.bold = true, .size = 24, .align = "center"});
        para(sb, "Độc lập - Tự do - Hạnh phúc",
             (para_style){.bold = true, .underline = true, .size = 26, .align = "center"});
    }
    para(sb, "", (para_style){.size = 20, .align = "center"});
    char *place = short_place(d);
    strbuf when = STRBUF_INIT;
    int y = 0, m = 0, day = 0;
    if (d->finalised_at && sscanf(d->finalised_at, "%4d-%2d-%2d", &y, &m, &day) == 3)
        sb_appendf(&when, "%s, ngày %02d tháng %02d năm %d", place, day, m, y);
    else
        sb_appendf(&when, "%s, ngày      tháng      năm %d", place, d->p.year);
    para(sb, sb_str(&when), (para_style){.italic = true, .size = 26, .align = "center",
                                         .before = 60});
    sb_free(&when);
    free(place);
    sb_append(sb, "</w:tc></w:tr></w:tbl>");
}

static void footer_block(strbuf *sb, const report_data *d)
{
    bool party = d->plan_chain && !strcmp(d->plan_chain, "dang");
    static const int w[] = {4300, TEXT_W - 4300};
    table_start(sb, w, 2, false);
    sb_append(sb, "<w:tr>");
    sb_appendf(sb, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr>", w[0]);
    para(sb, "Nơi nhận:", (para_style){.bold = true, .italic = true, .size = 24,
                                       .align = "left", .before = 120});
    bool any = false;
    const char *archive = NULL;
    for (size_t i = 0; i < d->n_recipients; i++) {
        const report_recipient *r = &d->recipients[i];
        if (r->purpose && !strcmp(r->purpose, "lưu")) {
            archive = r->name;
            continue;
        }
        if (!r->purpose || strcmp(r->purpose, "báo cáo"))
            continue;
        strbuf line = STRBUF_INIT;
        sb_appendf(&line, "- %s;", r->name);
        para(sb, sb_str(&line), (para_style){.size = 22, .align = "left"});
        sb_free(&line);
        any = true;
    }
    if (!any)
        para(sb, "- Như trên;", (para_style){.size = 22, .align = "left"});
    strbuf line = STRBUF_INIT;
    if (archive && !strncmp(archive, "Lưu", strlen("Lưu")))
        sb_appendf(&line, "- %s.", archive);
    else
        sb_append(&line, "- Lưu: VT.");
    para(sb, sb_str(&line), (para_style){.size = 22, .align = "left"});
    sb_free(&line);
    sb_append(sb, "</w:tc>");
    sb_appendf(sb, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr>", w[1]);
    const char *title = *d->sender ? "THỦ TRƯỞNG ĐƠN VỊ"
                        : party    ? "T/M BAN THƯỜNG VỤ"
                                   : "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH";
    para(sb, title, (para_style){.bold = true, .size = 26, .align = "center", .before = 120});
    for (int i = 0; i < 4; i++)
        para(sb, "", (para_style){.align = "center"});
    sb_append(sb, "</w:tc></w:tr></w:tbl>");
}

/* ---------- the summary page (issue 10) ---------- */

static void summary_line(strbuf *sb, const char *label, const char *text)
{
    sb_appendf(sb, "<w:p><w:pPr><w:spacing w:before=\"40\" w:after=\"40\"/><w:jc w:val=\"both\"/>"
                   "</w:pPr>");
    run(sb, label, &(para_style){.bold = true, .size = 22});
    run(sb, text, &(para_style){.size = 22});
    sb_append(sb, "</w:p>");
}

static void append_count(strbuf *sb, const char *label, size_t n)
{
    sb_appendf(sb, "%s%s %zu", sb->len ? "; " : "", label, n);
}

/* A bar of whole and half blocks (█ ▌), both in the WGL4 set that Times New Roman and every
 * Windows and LibreOffice font carry: the rounding is chart_bar's (to the nearest half column). */
static void text_bar(char *out, size_t size, double fraction, int width)
{
    char ascii[CHART_BUF(32)];
    chart_bar(ascii, sizeof ascii, fraction, width, true);
    strbuf sb = STRBUF_INIT;
    for (const char *c = ascii; *c; c++)
        if (*c == '#')
            sb_append(&sb, "█");
        else if (*c == '=')
            sb_append(&sb, "▌");
    snprintf(out, size, "%s", sb_str(&sb));
    sb_free(&sb);
}

/* The report's targets by group, plan order; share met by the scorecard's rule. */
static void summary_groups(strbuf *sb, const report_data *d)
{
    static const int w[] = {3154, 800, 800, 800, 900, 900, 2000};
    static const char *const head[] = {"Nhóm chỉ tiêu", "Số chỉ tiêu", "Đạt, vượt", "Chưa đạt",
                                       "Chưa có số liệu", "Tỷ lệ đạt (%)", "Biểu đồ"};
    scorecard_target_group *groups = xcalloc(d->n_targets + 1, sizeof *groups);
    size_t n = 0;
    for (size_t i = 0; i < d->n_targets; i++) {
        const char *g = d->targets[i].group ? d->targets[i].group : "";
        size_t k = 0;
        while (k < n && strcmp(groups[k].group, g))
            k++;
        if (k == n)
            groups[n++].group = (char *)g;
        groups[k].targets++;
        groups[k].verdicts[d->targets[i].verdict]++;
    }
    table_start(sb, w, 7, true);
    small_row(sb, w, head, 7, true, NULL);
    for (size_t k = 0; k < n; k++) {
        const scorecard_target_group *g = &groups[k];
        double share = scorecard_group_met_share(g);
        char total[24], met[24], not_met[24], no_data[24], pct[48], bar[CHART_BUF(32)];
        snprintf(total, sizeof total, "%zu", g->targets);
        snprintf(met, sizeof met, "%zu", g->verdicts[VERDICT_MET] + g->verdicts[VERDICT_EXCEEDED]);
        snprintf(not_met, sizeof not_met, "%zu", g->verdicts[VERDICT_NOT_MET]);
        snprintf(no_data, sizeof no_data, "%zu", g->verdicts[VERDICT_NO_DATA]);
        fmt_number(pct, sizeof pct, (report_number){true, share * 100}, DEC_PERCENT);
        text_bar(bar, sizeof bar, share, 10);
        const char *cells[] = {*g->group ? g->group : "Chỉ tiêu khác", total, met, not_met,
                               no_data, pct, bar};
        small_row(sb, w, cells, 7, false, "lccccrl");
    }
    sb_append(sb, "</w:tbl>");
    free(groups);
}

/* The unit scorecard: the units that lag most first. */
static void summary_scorecard(strbuf *sb, const report_data *d)
{
    enum { COLS = 11 };
    static const int w[COLS] = {2154, 720, 720, 720, 720, 720, 720, 720, 720, 720, 720};
    /* the scorecard's own columns (scorecard_fields()), then the reports on time of those due */
    static const size_t field[COLS - 1] = {1, 2, 3, 4, 5, 6, 7, 9, 10, 11};
    size_t nf;
    const scorecard_field *f = scorecard_fields(&nf);
    const char *head[COLS];
    for (size_t i = 0; i < COLS - 1; i++)
        head[i] = field[i] < nf ? f[field[i]].title_vi : "";
    head[COLS - 1] = "Báo cáo đúng hạn / đến hạn";
    table_start(sb, w, COLS, true);
    small_row(sb, w, head, COLS, true, NULL);
    size_t n = report_scorecard_count(d);
    for (size_t r = 0; r < n; r++) {
        const scorecard_unit *u = report_scorecard_unit(d, r);
        char num[COLS][48];
        const char *cells[COLS];
        cells[0] = u->short_name && *u->short_name ? u->short_name : u->name;
        for (size_t i = 1; i < COLS - 1; i++)
            cells[i] = scorecard_field_text(u, field[i], num[i], sizeof num[i]);
        fmt_number(num[7], sizeof num[7], (report_number){true, u->avg_completion},
                   DEC_PERCENT);
        cells[7] = num[7];
        snprintf(num[COLS - 1], sizeof num[COLS - 1], "%zu / %zu", u->reports_on_time,
                 u->reports_due);
        cells[COLS - 1] = num[COLS - 1];
        small_row(sb, w, cells, COLS, false, "lcccccccccc");
    }
    sb_append(sb, "</w:tbl>");
}

/* "08:00 ngày 20/09/2026" from an ISO date-time; the text itself when it is not one. */
static void when_vi(const char *iso, char *out, size_t size)
{
    int y, m, day, h = 0, mi = 0;
    if (iso && sscanf(iso, "%4d-%2d-%2dT%2d:%2d", &y, &m, &day, &h, &mi) >= 3)
        snprintf(out, size, "%02d:%02d ngày %02d/%02d/%04d", h, mi, day, m, y);
    else
        snprintf(out, size, "%s", iso ? iso : "");
}

static void summary_page(strbuf *sb, const report_data *d)
{
    para(sb, "TÓM TẮT KẾT QUẢ", (para_style){.bold = true, .size = 24, .align = "center",
                                             .before = 120, .after = 60});
    size_t verdicts[4] = {0}, statuses[6] = {0}, unreported = 0, warned[8] = {0};
    for (size_t i = 0; i < d->n_targets; i++)
        verdicts[d->targets[i].verdict]++;
    for (size_t i = 0; i < d->n_tasks; i++) {
        const report_task *t = &d->tasks[i];
        if (t->has_status)
            statuses[t->counted]++;
        else
            unreported++;
        for (size_t k = 0; k < XASO_WARNING_COUNT && k < 8; k++)
            warned[k] += (t->warnings & warning_at(k)) != 0;
    }
    strbuf line = STRBUF_INIT;
    sb_appendf(&line, "tổng số %zu", d->n_targets);
    append_count(&line, "đạt, vượt", verdicts[VERDICT_MET] + verdicts[VERDICT_EXCEEDED]);
    append_count(&line, "chưa đạt", verdicts[VERDICT_NOT_MET]);
    append_count(&line, "chưa có số liệu", verdicts[VERDICT_NO_DATA]);
    sb_append(&line, ".");
    summary_line(sb, "Chỉ tiêu: ", sb_str(&line));
    sb_reset(&line);
    sb_appendf(&line, "tổng số %zu", d->n_tasks);
    for (int s = TASK_NOT_STARTED; s <= TASK_NEEDS_FIX; s++)
        if (statuses[s])
            append_count(&line, task_status_label_vi((xaso_task_status)s), statuses[s]);
    if (unreported)
        append_count(&line, "chưa báo cáo", unreported);
    sb_append(&line, ".");
    summary_line(sb, "Nhiệm vụ: ", sb_str(&line));
    sb_reset(&line);
    for (size_t k = 0; k < XASO_WARNING_COUNT && k < 8; k++)
        if (warned[k])
            append_count(&line, warning_label_vi(warning_at(k)), warned[k]);
    sb_append(&line, line.len ? " (số nhiệm vụ)." : "không có.");
    summary_line(sb, "Cảnh báo: ", sb_str(&line));
    if (d->n_projects) {
        double year = 0, disbursed = 0;
        for (size_t i = 0; i < d->n_projects; i++) {
            year += d->projects[i].year_total.set ? d->projects[i].year_total.v : 0;
            disbursed += d->projects[i].disbursed;
        }
        char y[48], p[48], r[48];
        fmt_number(y, sizeof y, (report_number){true, year}, DEC_MONEY);
        fmt_number(p, sizeof p, (report_number){true, disbursed}, DEC_MONEY);
        fmt_number(r, sizeof r, (report_number){year > 0, year > 0 ? disbursed / year * 100 : 0},
                   DEC_PERCENT);
        sb_reset(&line);
        sb_appendf(&line, "%zu nhiệm vụ, dự án; kế hoạch vốn năm %s, đã giải ngân %s (%s%%) %s.",
                   d->n_projects, y, p, r, d->money_unit ? d->money_unit : "triệu đồng");
        summary_line(sb, "Kinh phí: ", sb_str(&line));
    }
    if (d->finalised_by || d->built_by) {
        char when[64];
        when_vi(d->finalised_at, when, sizeof when);
        sb_reset(&line);
        if (d->finalised_by)
            sb_appendf(&line, "%s (lúc %s)", d->finalised_by, when);
        else
            sb_append(&line, "chưa hoàn thành");
        if (d->built_by)
            sb_appendf(&line, "; người lập gói báo cáo: %s", d->built_by);
        sb_append(&line, ".");
        summary_line(sb, "Người hoàn thành báo cáo: ", sb_str(&line));
    }
    sb_free(&line);
    if (d->n_targets) {
        para(sb, "1. Chỉ tiêu theo nhóm", (para_style){.bold = true, .size = 22, .before = 80,
                                                       .after = 40, .align = "left"});
        summary_groups(sb, d);
    }
    if (report_scorecard_count(d)) {
        para(sb, "2. Kết quả của các đơn vị chủ trì (đơn vị chậm nhất ở đầu bảng)",
             (para_style){.bold = true, .size = 22, .before = 80, .after = 40, .align = "left"});
        summary_scorecard(sb, d);
    }
    sb_append(sb, "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
}

static void document_xml(strbuf *sb, const report_data *d)
{
    sb_append(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                  "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/"
                  "2006/main\"><w:body>");
    header_block(sb, d);
    para(sb, "BÁO CÁO", (para_style){.bold = true, .size = 28, .align = "center", .before = 360});
    strbuf t = STRBUF_INIT;
    sb_appendf(&t, "Kết quả thực hiện %s%s%s%s, %s", d->plan_title ? d->plan_title : "",
               d->plan_symbol ? " (Kế hoạch số " : "", d->plan_symbol ? d->plan_symbol : "",
               d->plan_symbol ? ")" : "", d->period_title);
    para(sb, sb_str(&t), (para_style){.bold = true, .align = "center", .after = 240});
    summary_page(sb, d);
    sb_reset(&t);
    sb_appendf(&t, "%s báo cáo kết quả thực hiện %s%s%s, %s như sau:", d->sender_name,
               d->plan_symbol ? "Kế hoạch số " : "", d->plan_symbol ? d->plan_symbol : "",
               d->plan_symbol ? "" : d->plan_title, d->period_title);
    body(sb, sb_str(&t));

    size_t verdicts[4] = {0};
    for (size_t i = 0; i < d->n_targets; i++)
        verdicts[d->targets[i].verdict]++;
    heading(sb, "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU");
    sb_reset(&t);
    sb_appendf(&t, "Tổng số %zu chỉ tiêu: đạt %zu, vượt %zu, chưa đạt %zu, chưa có số liệu %zu.",
               d->n_targets, verdicts[VERDICT_MET], verdicts[VERDICT_EXCEEDED],
               verdicts[VERDICT_NOT_MET], verdicts[VERDICT_NO_DATA]);
    body(sb, sb_str(&t));
    if (d->n_targets)
        targets_table(sb, d);

    size_t done = 0, updated = 0;
    for (size_t i = 0; i < d->n_tasks; i++) {
        updated += d->tasks[i].has_update;
        done += d->tasks[i].has_update && task_status_is_done(d->tasks[i].counted);
    }
    heading(sb, "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ");
    sb_reset(&t);
    sb_appendf(&t, "Tổng số %zu nhiệm vụ: đã hoàn thành %zu, đang thực hiện hoặc chưa hoàn "
                   "thành %zu, chưa cập nhật trong kỳ %zu.",
               d->n_tasks, done, updated - done, d->n_tasks - updated);
    body(sb, sb_str(&t));
    if (d->n_tasks)
        tasks_table(sb, d);

    heading(sb, "III. TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ, DỰ ÁN CÓ KINH PHÍ");
    if (d->n_projects) {
        sb_reset(&t);
        sb_appendf(&t, "Đơn vị tính: %s.", d->money_unit ? d->money_unit : "triệu đồng");
        para(sb, sb_str(&t), (para_style){.italic = true, .align = "right"});
        projects_table(sb, d);
    } else {
        body(sb, "Không có.");
    }
    heading(sb, "IV. KHÓ KHĂN, VƯỚNG MẮC");
    gathered(sb, d, d->difficulties, true);
    heading(sb, "V. KIẾN NGHỊ, ĐỀ XUẤT");
    gathered(sb, d, d->proposals, false);
    heading(sb, "VI. NHIỆM VỤ TRỌNG TÂM KỲ TỚI");
    next_tasks(sb, d);
    sb_free(&t);
    footer_block(sb, d);
    sb_appendf(sb,
               "<w:sectPr><w:pgSz w:w=\"%d\" w:h=\"%d\"/><w:pgMar w:top=\"%d\" w:right=\"%d\" "
               "w:bottom=\"%d\" w:left=\"%d\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>"
               "</w:sectPr></w:body></w:document>\n",
               PAGE_W, PAGE_H, MARGIN_TB, MARGIN_R, MARGIN_TB, MARGIN_L);
}

static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "</Types>\n";

static const char package_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
    "</Relationships>\n";

static const char document_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/styles\" Target=\"styles.xml\"/></Relationships>\n";

static const char styles[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" "
    "w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>"
    "<w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/><w:lang w:val=\"vi-VN\"/></w:rPr></w:rPrDefault>"
    "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"276\" w:lineRule=\"auto\"/>"
    "</w:pPr></w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
    "</w:style></w:styles>\n";

static void core_xml(strbuf *sb, const report_data *d)
{
    sb_append(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                  "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
                  "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                  "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
                  "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>");
    strbuf t = STRBUF_INIT;
    sb_appendf(&t, "Báo cáo %s, %s", d->plan_symbol ? d->plan_symbol : d->plan_key,
               d->period_title);
    xml_append_text(sb, sb_str(&t));
    sb_free(&t);
    sb_append(sb, "</dc:title><dc:creator>");
    xml_append_text(sb, d->sender_name);
    sb_append(sb, "</dc:creator>");
    if (d->finalised_at) {
        sb_append(sb, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">");
        xml_append_text(sb, d->finalised_at);
        sb_append(sb, "</dcterms:created>");
    }
    sb_append(sb, "</cp:coreProperties>\n");
}

int report_docx(const report_data *d, long long mtime, unsigned char **data, size_t *len,
                xaso_error *err)
{
    strbuf doc = STRBUF_INIT, core = STRBUF_INIT;
    document_xml(&doc, d);
    core_xml(&core, d);
    struct {
        const char *name;
        const char *text;
        size_t len;
    } parts[] = {
        {"[Content_Types].xml", content_types, sizeof content_types - 1},
        {"_rels/.rels", package_rels, sizeof package_rels - 1},
        {"docProps/core.xml", sb_str(&core), core.len},
        {"word/_rels/document.xml.rels", document_rels, sizeof document_rels - 1},
        {"word/document.xml", sb_str(&doc), doc.len},
        {"word/styles.xml", styles, sizeof styles - 1},
    };
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
    int rc = 0;
    if (!za) {
        if (src)
            zip_source_free(src);
        rc = xaso_error_set(err, XASO_EX_SOFTWARE, _("cannot build the report document: %s"),
                            zip_error_strerror(&ze));
        goto out;
    }
    zip_source_keep(src);
    for (size_t i = 0; i < sizeof parts / sizeof parts[0] && !rc; i++) {
        zip_source_t *s = zip_source_buffer(za, parts[i].text, parts[i].len, 0);
        zip_int64_t idx = s ? zip_file_add(za, parts[i].name, s, ZIP_FL_ENC_UTF_8) : -1;
        if (idx < 0) {
            zip_source_free(s);
            rc = xaso_error_set(err, XASO_EX_SOFTWARE, _("cannot build the report document: %s"),
                                zip_strerror(za));
            break;
        }
        zip_file_set_mtime(za, (zip_uint64_t)idx, (time_t)mtime, 0);
        zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 6);
    }
    if (rc) {
        zip_discard(za);
        zip_source_free(src);
        goto out;
    }
    if (zip_close(za) != 0) {
        rc = xaso_error_set(err, XASO_EX_SOFTWARE, _("cannot build the report document: %s"),
                            zip_strerror(za));
        zip_discard(za);
        zip_source_free(src);
        goto out;
    }
    zip_stat_t zs;
    if (zip_source_stat(src, &zs) != 0 || zip_source_open(src) != 0) {
        rc = xaso_error_set(err, XASO_EX_SOFTWARE, "%s", _("cannot build the report document"));
        zip_source_free(src);
        goto out;
    }
    *len = (size_t)zs.size;
    *data = xmalloc(*len ? *len : 1);
    zip_int64_t got = zip_source_read(src, *data, *len);
    zip_source_close(src);
    zip_source_free(src);
    if (got < 0 || (size_t)got != *len) {
        free(*data);
        *data = NULL;
        rc = xaso_error_set(err, XASO_EX_SOFTWARE, "%s", _("cannot build the report document"));
    }
out:
    sb_free(&doc);
    sb_free(&core);
    return rc;
}
