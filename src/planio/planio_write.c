/* Writing plan files: the same field tables as the loader, emitted with libyaml. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "plan_fields.h"
#include "xaso/fsutil.h"
#include "xaso/i18n.h"
#include "xaso/planio.h"
#include "xaso/strbuf.h"

#define AT_CONST(base, off, T) ((const T *)((const char *)(base) + (off)))

typedef struct {
    yaml_emitter_t emitter;
    bool failed;
} writer;

static void emit(writer *w, yaml_event_t *ev)
{
    if (!w->failed && !yaml_emitter_emit(&w->emitter, ev))
        w->failed = true;
}

static void scalar(writer *w, const char *text, bool quoted)
{
    yaml_event_t ev;
    yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)text, (int)strlen(text),
                                 !quoted, quoted,
                                 quoted ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_PLAIN_SCALAR_STYLE);
    emit(w, &ev);
}

static void mapping_start(writer *w, bool flow)
{
    yaml_event_t ev;
    yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
                                        flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
    emit(w, &ev);
}

static void mapping_end(writer *w)
{
    yaml_event_t ev;
    yaml_mapping_end_event_initialize(&ev);
    emit(w, &ev);
}

static void sequence_start(writer *w, bool flow)
{
    yaml_event_t ev;
    yaml_sequence_start_event_initialize(
        &ev, NULL, NULL, 1, flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
    emit(w, &ev);
}

static void sequence_end(writer *w)
{
    yaml_event_t ev;
    yaml_sequence_end_event_initialize(&ev);
    emit(w, &ev);
}

static void number(writer *w, double v)
{
    char buf[64];
    if (v == floor(v) && fabs(v) < 1e15)
        snprintf(buf, sizeof buf, "%.0f", v);
    else
        snprintf(buf, sizeof buf, "%.15g", v);
    scalar(w, buf, false);
}

/* A nested record is written in flow style ({from: 2026, to: 2026}) when it holds only numbers. */
static bool is_flow(const plan_record *rec)
{
    for (size_t i = 0; i < rec->n_fields; i++)
        if (rec->fields[i].type != PF_YEAR && rec->fields[i].type != PF_NUMBER)
            return false;
    return true;
}

static bool record_empty(const plan_record *rec, const void *obj);

static bool field_empty(const plan_field *f, const void *obj)
{
    const void *p = AT_CONST(obj, f->offset, char);
    switch (f->type) {
    case PF_TEXT:
    case PF_ID:
    case PF_CODE:
    case PF_UNIT_REF:
        return *(char *const *)p == NULL;
    case PF_YEAR:
        return *(const int *)p == 0;
    case PF_NUMBER:
        return !((const plan_number *)p)->set;
    case PF_DATE:
        return *(const xaso_date *)p == XASO_DATE_NONE;
    case PF_STRINGS:
    case PF_UNIT_REFS:
        return ((const plan_strings *)p)->count == 0;
    case PF_STRUCT:
        return record_empty(f->record, p);
    case PF_LIST:
        return *AT_CONST(obj, f->count_offset, size_t) == 0;
    }
    return true;
}

static bool record_empty(const plan_record *rec, const void *obj)
{
    for (size_t i = 0; i < rec->n_fields; i++)
        if (!field_empty(&rec->fields[i], obj))
            return false;
    return true;
}

static void write_record(writer *w, const plan_record *rec, const void *obj, bool flow);

static void write_field(writer *w, const plan_field *f, const void *obj)
{
    const void *p = AT_CONST(obj, f->offset, char);
    char buf[16];
    switch (f->type) {
    case PF_TEXT:
    case PF_UNIT_REF:
        scalar(w, *(char *const *)p, true);
        break;
    case PF_ID:
    case PF_CODE:
        scalar(w, *(char *const *)p, strpbrk(*(char *const *)p, "<>=") != NULL);
        break;
    case PF_YEAR:
        number(w, *(const int *)p);
        break;
    case PF_NUMBER:
        number(w, ((const plan_number *)p)->v);
        break;
    case PF_DATE:
        scalar(w, date_format_iso(*(const xaso_date *)p, buf, sizeof buf), false);
        break;
    case PF_STRINGS:
    case PF_UNIT_REFS: {
        const plan_strings *s = p;
        sequence_start(w, true);
        for (size_t i = 0; i < s->count; i++)
            scalar(w, s->items[i], f->type == PF_STRINGS);
        sequence_end(w);
        break;
    }
    case PF_STRUCT:
        write_record(w, f->record, p, is_flow(f->record));
        break;
    case PF_LIST: {
        size_t n = *AT_CONST(obj, f->count_offset, size_t);
        const char *items = *(const char *const *)p;
        sequence_start(w, false);
        for (size_t i = 0; i < n; i++)
            write_record(w, f->record, items + i * f->record->size, false);
        sequence_end(w);
        break;
    }
    }
}

static void write_record(writer *w, const plan_record *rec, const void *obj, bool flow)
{
    mapping_start(w, flow);
    for (size_t i = 0; i < rec->n_fields; i++) {
        const plan_field *f = &rec->fields[i];
        if (field_empty(f, obj))
            continue;
        scalar(w, f->key, false);
        write_field(w, f, obj);
    }
    mapping_end(w);
}

static int write_handler(void *data, unsigned char *buffer, size_t size)
{
    sb_append_len(data, (const char *)buffer, size);
    return 1;
}

int planio_write_buffer(const xaso_plan *plan, char **out, size_t *len, xaso_error *err)
{
    writer w = {0};
    strbuf sb = STRBUF_INIT;
    sb_append(&sb, "# xaso plan file (format 1): see docs/plan-format.md\n");
    if (!yaml_emitter_initialize(&w.emitter))
        return xaso_error_set(err, XASO_EX_SOFTWARE, _("cannot start the YAML writer"));
    yaml_emitter_set_output(&w.emitter, write_handler, &sb);
    yaml_emitter_set_unicode(&w.emitter, 1);
    yaml_emitter_set_width(&w.emitter, -1);
    yaml_emitter_set_indent(&w.emitter, 2);

    yaml_event_t ev;
    yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
    emit(&w, &ev);
    yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
    emit(&w, &ev);
    mapping_start(&w, false);
    scalar(&w, "xaso-plan", false);
    number(&w, XASO_PLAN_FORMAT);
    for (size_t i = 0; i < plan_file_record.n_fields; i++) {
        const plan_field *f = &plan_file_record.fields[i];
        if (field_empty(f, plan))
            continue;
        scalar(&w, f->key, false);
        write_field(&w, f, plan);
    }
    mapping_end(&w);
    yaml_document_end_event_initialize(&ev, 1);
    emit(&w, &ev);
    yaml_stream_end_event_initialize(&ev);
    emit(&w, &ev);
    bool failed = w.failed;
    char problem[256];
    snprintf(problem, sizeof problem, "%s", w.emitter.problem ? w.emitter.problem : "?");
    yaml_emitter_delete(&w.emitter);
    if (failed) {
        sb_free(&sb);
        return xaso_error_set(err, XASO_EX_SOFTWARE, _("cannot write the plan as YAML: %s"),
                              problem);
    }
    *len = sb.len;
    *out = sb_detach(&sb);
    return 0;
}

int planio_save(const xaso_plan *plan, const char *path, xaso_error *err)
{
    char *data;
    size_t len;
    int rc = planio_write_buffer(plan, &data, &len, err);
    if (rc)
        return rc;
    rc = fs_write_atomic(path, data, len, 0600, err);
    free(data);
    return rc;
}
