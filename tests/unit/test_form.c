/* Form definitions and two-tier validation: the installed forms, strict loading with positions,
 * the user's override folder, typed parsing, warnings and errors, computed and conditional
 * fields. Run from the top of the source tree (as `make check` does). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xaso/form.h"
#include "xaso/fsutil.h"
#include "xaso/strbuf.h"
#include "xaso/value.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define FIXTURES "tests/fixtures/forms"

static char config_home[64]; /* a private $XDG_CONFIG_HOME for the override tests */

static int setup(void **state)
{
    (void)state;
    if (!fs_is_dir("forms/forms")) {
        fprintf(stderr, "test_form: run from the top of the source tree\n");
        return -1;
    }
    setenv("XASO_DATADIR", ".", 1);
    snprintf(config_home, sizeof config_home, "/tmp/xaso-test-form-XXXXXX");
    if (!mkdtemp(config_home))
        return -1;
    setenv("XDG_CONFIG_HOME", config_home, 1);
    return 0;
}

static char *user_form_path(const char *name)
{
    strbuf sb = STRBUF_INIT;
    sb_appendf(&sb, "%s/xaso/forms/%s.yaml", config_home, name);
    return sb_detach(&sb);
}

static void remove_user_forms(void)
{
    for (const char *const *n = form_builtin_names; *n; n++) {
        char *path = user_form_path(*n);
        unlink(path);
        free(path);
    }
}

static int teardown(void **state)
{
    (void)state;
    remove_user_forms();
    strbuf sb = STRBUF_INIT;
    sb_appendf(&sb, "%s/xaso/forms", config_home);
    rmdir(sb_str(&sb));
    sb_reset(&sb);
    sb_appendf(&sb, "%s/xaso", config_home);
    rmdir(sb_str(&sb));
    sb_free(&sb);
    rmdir(config_home);
    return 0;
}

static void write_user_form(const char *name, const char *text)
{
    xaso_error err;
    strbuf dir = STRBUF_INIT;
    sb_appendf(&dir, "%s/xaso/forms", config_home);
    assert_int_equal(fs_mkdirs(sb_str(&dir), 0700, &err), 0);
    sb_free(&dir);
    char *path = user_form_path(name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    free(path);
}

/* The whole text of an installed form. */
static char *installed_text(const char *name)
{
    strbuf path = STRBUF_INIT;
    sb_appendf(&path, "forms/forms/%s.yaml", name);
    char *data;
    size_t len;
    xaso_error err;
    assert_int_equal(fs_read_all(sb_str(&path), 1 << 20, &data, &len, &err), 0);
    sb_free(&path);
    return data;
}

/* text with the first occurrence of from replaced by to (malloc'd). */
static char *replaced(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    assert_non_null(at);
    strbuf sb = STRBUF_INIT;
    sb_append_len(&sb, text, (size_t)(at - text));
    sb_append(&sb, to);
    sb_append(&sb, at + strlen(from));
    return sb_detach(&sb);
}

static xaso_form *load_fixture(const char *file)
{
    xaso_error err;
    xaso_form *form = form_load_file(file, NULL, &err);
    if (!form) {
        char buf[2048];
        fail_msg("%s", xaso_error_format(&err, buf, sizeof buf));
    }
    return form;
}

static size_t index_of(const xaso_form *form, const char *key)
{
    long i = form_field_index(form->fields, form->n_fields, key);
    if (i < 0)
        fail_msg("no field \"%s\" in %s", key, form->name);
    return (size_t)i;
}

/* ---------- the installed forms ---------- */

static void test_installed_forms_load(void **state)
{
    (void)state;
    remove_user_forms();
    size_t n = 0;
    for (const char *const *name = form_builtin_names; *name; name++, n++) {
        xaso_error warning, err;
        xaso_form *form = form_load(*name, &warning, &err);
        if (!form) {
            char buf[2048];
            fail_msg("%s: %s", *name, xaso_error_format(&err, buf, sizeof buf));
        }
        assert_int_equal(warning.code, XASO_OK);
        assert_false(form->overridden);
        assert_string_equal(form->name, *name);
        assert_true(form->n_fields > 0);
        assert_non_null(form->title);
        form_free(form);
    }
    assert_int_equal(n, 9);
}

static void check_keys(const char *name, const char *const *keys, size_t n)
{
    xaso_error warning, err;
    xaso_form *form = form_load(name, &warning, &err);
    assert_non_null(form);
    for (size_t i = 0; i < n; i++)
        if (!form_find_field(form, keys[i]))
            fail_msg("form %s has no field \"%s\"", name, keys[i]);
    form_free(form);
}

static void test_installed_forms_match_the_store(void **state)
{
    (void)state;
    static const char *const task_update[] = {"status",       "completion", "done_text",
                                              "quantity_text", "difficulties", "proposals",
                                              "evidence"};
    check_keys("task-progress", task_update, COUNT(task_update));
    static const char *const target_value[] = {"value",       "value_text", "numerator",
                                               "denominator", "no_data",    "judged_met",
                                               "as_of",       "data_source", "note"};
    check_keys("target-value", target_value, COUNT(target_value));
    static const char *const report[] = {"symbol", "difficulties", "proposals", "next_tasks",
                                         "signer"};
    check_keys("report", report, COUNT(report));
    static const char *const office[] = {"code", "name", "level", "province"};
    check_keys("office", office, COUNT(office));

    /* the task statuses are exactly those of status.h */
    xaso_error warning, err;
    xaso_form *form = form_load("task-progress", &warning, &err);
    const form_field *status = form_find_field(form, "status");
    assert_int_equal(status->type, FT_CHOICE);
    static const char *const codes[] = {"not-started", "in-progress", "done",
                                        "done-late",   "not-done",    "needs-fix"};
    assert_int_equal(status->n_choices, COUNT(codes));
    for (size_t i = 0; i < COUNT(codes); i++)
        assert_string_equal(status->choices[i].code, codes[i]);
    form_free(form);
}

static bool has_string(const char *const *strings, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(strings[i], s))
            return true;
    return false;
}

static void missing_strings(const form_field *fields, size_t n_fields,
                            const char *const *strings, size_t n, strbuf *missing)
{
    for (size_t i = 0; i < n_fields; i++) {
        const form_field *f = &fields[i];
        const char *texts[] = {f->label, f->help, f->pattern_help};
        for (size_t k = 0; k < COUNT(texts); k++)
            if (texts[k] && !has_string(strings, n, texts[k]))
                sb_appendf(missing, "  N_(\"%s\"),\n", texts[k]);
        for (size_t k = 0; k < f->n_choices; k++)
            if (!has_string(strings, n, f->choices[k].label))
                sb_appendf(missing, "  N_(\"%s\"),\n", f->choices[k].label);
        missing_strings(f->fields, f->n_fields, strings, n, missing);
    }
}

/* src/forms/form_strings.c must list every string of the installed forms, or xgettext misses
 * them: regenerate it with tools/gen-form-strings.py. */
static void test_form_strings_up_to_date(void **state)
{
    (void)state;
    size_t n;
    const char *const *strings = form_builtin_strings(&n);
    assert_true(n > 100);
    strbuf missing = STRBUF_INIT;
    for (const char *const *name = form_builtin_names; *name; name++) {
        xaso_error warning, err;
        xaso_form *form = form_load(*name, &warning, &err);
        assert_non_null(form);
        if (!has_string(strings, n, form->title))
            sb_appendf(&missing, "  N_(\"%s\"),\n", form->title);
        if (form->help && !has_string(strings, n, form->help))
            sb_appendf(&missing, "  N_(\"%s\"),\n", form->help);
        missing_strings(form->fields, form->n_fields, strings, n, &missing);
        form_free(form);
    }
    if (missing.len)
        fail_msg("src/forms/form_strings.c is out of date (run tools/gen-form-strings.py); "
                 "missing:\n%s",
                 sb_str(&missing));
    sb_free(&missing);
}

/* ---------- strict loading ---------- */

static void test_bad_definitions(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        int line, col;
        const char *says;
    } cases[] = {
        {"unknown-key.yaml", 7, 5, "unknown key \"colour\" in a field"},
        {"not-a-bool.yaml", 7, 15, "\"required\" must be true or false"},
        {"bad-type.yaml", 6, 11, "\"type\" must be one of text, memo, integer"},
        {"duplicate-field.yaml", 6, 11, "the field key \"name\" appears twice"},
        {"compute-unknown.yaml", 5, 59, "at character 13: unknown field \"denominatr\""},
        {"compute-below.yaml", 4, 59, "\"numerator\" is not above this field"},
        {"compute-syntax.yaml", 5, 59, "a \")\" is missing"},
        {"compute-text.yaml", 5, 59, "\"name\" is not a number field"},
        {"condition-code.yaml", 12, 40, "\"finished\" is not a code of the field \"status\""},
        {"condition-field.yaml", 4, 66, "must name a field above this one, not \"note\""},
        {"bad-default.yaml", 7, 14, "the default \"mười\" does not fit this field: Enter a whole"},
        {"bad-pattern.yaml", 7, 14, "\"pattern\" is not a valid regular expression"},
        {"not-applicable.yaml", 8, 7, "\"choices\" does not apply to a text field"},
        {"choice-without-choices.yaml", 4, 5, "a choice field needs \"choices\""},
        {"newer.yaml", 1, 12, "written for a newer xaso (format 2)"},
        {"missing-label.yaml", 4, 5, "this field has no \"label\", which is required"},
        {"limits-reversed.yaml", 7, 13, "min is greater than max"},
        {"group-in-group.yaml", 10, 15, "a group cannot contain another group"},
        {"bad-key.yaml", 4, 11, "a field key starts with a lower-case ASCII letter"},
        {"unknown-top.yaml", 3, 1, "unknown key \"version\" in a form"},
        {"tab.yaml", 4, 1, "tab"},
        {"no-fields.yaml", 3, 9, "not an empty list"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        char path[256], buf[2048];
        snprintf(path, sizeof path, FIXTURES "/bad/%s", cases[i].file);
        xaso_error err;
        xaso_form *form = form_load_file(path, NULL, &err);
        if (form)
            fail_msg("%s was accepted", cases[i].file);
        xaso_error_format(&err, buf, sizeof buf);
        if (err.code != XASO_EX_DATAERR || strcmp(err.file, path) ||
            err.line != cases[i].line || err.col != cases[i].col ||
            !strstr(err.message, cases[i].says))
            fail_msg("%s: expected %d:%d \"%s\", got \"%s\"", cases[i].file, cases[i].line,
                     cases[i].col, cases[i].says, buf);
    }
    xaso_error err;
    assert_null(form_load_file(FIXTURES "/bad/does-not-exist.yaml", NULL, &err));
    assert_int_equal(err.code, XASO_EX_NOINPUT);
}

/* ---------- the user's own copy ---------- */

static void test_user_override(void **state)
{
    (void)state;
    remove_user_forms();
    xaso_error warning, err;
    char buf[2048];

    /* a valid copy with its own wording (in Vietnamese, straight) is used */
    char *text = installed_text("report");
    char *mine = replaced(text, "label: \"Signer\"", "label: \"Người ký\"");
    write_user_form("report", mine);
    free(mine);
    xaso_form *form = form_load("report", &warning, &err);
    assert_non_null(form);
    assert_int_equal(warning.code, XASO_OK);
    assert_true(form->overridden);
    assert_string_equal(form_find_field(form, "signer")->label, "Người ký");
    assert_non_null(strstr(form->path, config_home));
    form_free(form);

    /* a broken copy: reported at its line and column, and the installed form is used */
    mine = replaced(text, "    type: memo", "    type: memo\n    colour: red");
    write_user_form("report", mine);
    free(mine);
    form = form_load("report", &warning, &err);
    assert_non_null(form);
    assert_false(form->overridden);
    assert_string_equal(form_find_field(form, "signer")->label, "Signer");
    assert_int_equal(warning.code, XASO_EX_DATAERR);
    assert_non_null(strstr(warning.file, "/xaso/forms/report.yaml"));
    assert_int_equal(warning.line, 16);
    assert_int_equal(warning.col, 5);
    assert_non_null(strstr(xaso_error_format(&warning, buf, sizeof buf), "colour"));
    form_free(form);
    free(text);

    /* copies that would leave the program unable to store what it needs */
    static const struct {
        const char *name, *from, *to, *says;
    } incompatible[] = {
        {"report", "  - key: signer\n", "  - key: signed_by\n", "\"signer\" of the installed"},
        {"report", "    type: memo\n    max_length: 8000\n  - key: next_tasks",
         "    type: text\n    max_length: 8000\n  - key: next_tasks",
         "\"proposals\" must stay a memo field"},
        {"task-progress", "{code: not-done, label: \"Not done\"}",
         "{code: cancelled, label: \"Cancelled\"}",
         "code \"cancelled\", which the installed form does not know"},
        {"task-progress", "      - key: file\n", "      - key: path\n",
         "\"file\" of the installed form is missing"},
        {"target-value", "    format: percent\n", "    format: decimal\n",
         "\"computed_value\" must stay a percent field"},
    };
    for (size_t i = 0; i < COUNT(incompatible); i++) {
        text = installed_text(incompatible[i].name);
        mine = replaced(text, incompatible[i].from, incompatible[i].to);
        write_user_form(incompatible[i].name, mine);
        free(mine);
        free(text);
        form = form_load(incompatible[i].name, &warning, &err);
        assert_non_null(form);
        assert_false(form->overridden);
        xaso_error_format(&warning, buf, sizeof buf);
        if (warning.code != XASO_EX_CONFIG || !strstr(buf, incompatible[i].says) ||
            warning.line == 0)
            fail_msg("case %zu: got \"%s\"", i, buf);
        form_free(form);
    }
    remove_user_forms();

    /* fewer choices are allowed: an office without evidence appraisal */
    text = installed_text("task-progress");
    mine = replaced(text, "      - {code: needs-fix, label: \"Evidence to be completed\"}\n", "");
    free(text);
    /* a condition naming a code that is gone is an error, like any other */
    write_user_form("task-progress", mine);
    form = form_load("task-progress", &warning, &err);
    assert_false(form->overridden);
    assert_non_null(strstr(warning.message, "\"needs-fix\" is not a code of the field"));
    form_free(form);
    text = replaced(mine, "done-late, needs-fix]", "done-late]");
    write_user_form("task-progress", text);
    free(mine);
    free(text);
    form = form_load("task-progress", &warning, &err);
    assert_int_equal(warning.code, XASO_OK);
    assert_true(form->overridden);
    assert_int_equal(form_find_field(form, "status")->n_choices, 5);
    form_free(form);
    remove_user_forms();

    /* names are names, not paths */
    assert_null(form_load("../report", &warning, &err));
    assert_int_equal(err.code, XASO_EX_USAGE);
    assert_null(form_load("", &warning, &err));
    assert_null(form_load("no-such-form", &warning, &err));
    assert_int_equal(err.code, XASO_EX_NOINPUT);
}

/* ---------- validation of one field ---------- */

typedef struct {
    const char *field, *text;
    form_severity severity;
    form_value_kind kind;
    double number;
    const char *says; /* part of the message, or NULL */
} check_case;

static void run_checks(const xaso_form *form, const check_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const check_case *c = &cases[i];
        const form_field *f = form_find_field(form, c->field);
        assert_non_null(f);
        form_result r;
        form_validate_field(f, c->text, &r);
        if (r.severity != c->severity || r.value.kind != c->kind)
            fail_msg("%s \"%s\": severity %d kind %d (\"%s\"), expected %d and %d", c->field,
                     c->text ? c->text : "(null)", r.severity, r.value.kind, r.message,
                     c->severity, c->kind);
        if (c->kind == FVAL_NUMBER && r.value.number != c->number)
            fail_msg("%s \"%s\": %g, expected %g", c->field, c->text, r.value.number, c->number);
        if (c->severity == FORM_OK && r.message[0])
            fail_msg("%s \"%s\": unexpected message \"%s\"", c->field, c->text, r.message);
        if (c->says && !strstr(r.message, c->says))
            fail_msg("%s \"%s\": message \"%s\" lacks \"%s\"", c->field, c->text, r.message,
                     c->says);
    }
}

#define OK_NUM(f, t, v) {f, t, FORM_OK, FVAL_NUMBER, v, NULL}
#define WARN_NUM(f, t, v, s) {f, t, FORM_WARNING, FVAL_NUMBER, v, s}
#define BAD(f, t, s) {f, t, FORM_ERROR, FVAL_NONE, 0, s}
#define BAD_NUM(f, t, v, s) {f, t, FORM_ERROR, FVAL_NUMBER, v, s}

static void test_numbers(void **state)
{
    (void)state;
    xaso_form *form = load_fixture(FIXTURES "/sample.yaml");
    static const check_case cases[] = {
        {"count", "", FORM_OK, FVAL_NONE, 0, NULL},
        {"count", NULL, FORM_OK, FVAL_NONE, 0, NULL},
        {"count", "   ", FORM_OK, FVAL_NONE, 0, NULL},
        OK_NUM("count", "12", 12),
        OK_NUM("count", " 42 ", 42),
        OK_NUM("count", "7.100", 7100), /* a Vietnamese thousand */
        OK_NUM("count", "1.234.567", 1234567),
        OK_NUM("count", "0", 0),
        BAD("count", "1,5", "Enter a whole number"),
        BAD("count", "mười", "Enter a whole number"),
        BAD("count", "12 lớp", "Enter a whole number"),
        BAD_NUM("count", "-3", -3, "Must be at least 0"),
        OK_NUM("ratio", "18,7", 18.7),
        OK_NUM("ratio", "18.7", 18.7),
        OK_NUM("ratio", "0,125", 0.125),
        OK_NUM("ratio", "50", 50),
        WARN_NUM("ratio", "50,5", 50.5, "Outside the expected range (0 to 50)"),
        WARN_NUM("ratio", "-1", -1, "Outside the expected range"),
        BAD("ratio", "1e5", "Enter a number"),
        BAD("ratio", "18,7%", "Enter a number"),
        WARN_NUM("low", "9,9", 9.9, "Lower than expected (at least 10)"),
        WARN_NUM("high", "10,5", 10.5, "Higher than expected (at most 10)"),
        OK_NUM("share", "18,7%", 18.7),
        OK_NUM("share", "18,7 %", 18.7),
        OK_NUM("share", "100", 100),
        WARN_NUM("share", "120", 120, "Above 100%"), /* "trên 100%": allowed once confirmed */
        BAD("share", "trên 100%", "Enter a percentage"),
        BAD("share", "%", "Enter a percentage"),
        OK_NUM("completion", "100%", 100),
        BAD_NUM("completion", "101", 101, "Must be at most 100"),
        BAD_NUM("completion", "-0,5", -0.5, "Must be at least 0"),
        OK_NUM("amount", "7,100", 7100), /* money: both marks group thousands */
        OK_NUM("amount", "7.100", 7100),
        OK_NUM("amount", "2,5", 2.5),
        OK_NUM("amount", "2.500,5", 2500.5),
        BAD("amount", "7 tỷ", "Enter an amount"),
    };
    run_checks(form, cases, COUNT(cases));
    form_free(form);
}

static void test_dates_periods_choices(void **state)
{
    (void)state;
    xaso_form *form = load_fixture(FIXTURES "/sample.yaml");
    static const check_case cases[] = {
        {"when", "30/06/2026", FORM_OK, FVAL_DATE, 0, NULL},
        {"when", "1/7/2026", FORM_OK, FVAL_DATE, 0, NULL},
        {"when", "30-6-2026", FORM_OK, FVAL_DATE, 0, NULL},
        {"when", "2026-06-30", FORM_OK, FVAL_DATE, 0, NULL},
        BAD("when", "31/06/2026", "dd/mm/yyyy"),
        BAD("when", "30/06/26", "dd/mm/yyyy"),
        BAD("when", "Quý II", "dd/mm/yyyy"),
        {"period", "2026Q3", FORM_OK, FVAL_PERIOD, 0, NULL},
        {"period", "2026q3", FORM_OK, FVAL_PERIOD, 0, NULL},
        {"period", "202609", FORM_OK, FVAL_PERIOD, 0, NULL},
        {"period", "2026N9", FORM_OK, FVAL_PERIOD, 0, NULL},
        BAD("period", "2026Q5", "2026Q3"),
        BAD("period", "202613", "2026Q3"),
        BAD("period", "2026Q3 2026Q4 2026S1", "2026Q3"),
        {"status", "done", FORM_OK, FVAL_CODE, 0, NULL},
        {"status", " done-late ", FORM_OK, FVAL_CODE, 0, NULL},
        {"status", "Done late", FORM_OK, FVAL_CODE, 0, NULL}, /* its label */
        {"status", "NOT STARTED", FORM_OK, FVAL_CODE, 0, NULL},
        BAD("status", "finished", "Choose one of: Not started, Done, Done late"),
        {"answer", "có", FORM_OK, FVAL_BOOL, 0, NULL},
        {"answer", "Không", FORM_OK, FVAL_BOOL, 0, NULL},
        {"answer", "y", FORM_OK, FVAL_BOOL, 0, NULL},
        {"answer", "no", FORM_OK, FVAL_BOOL, 0, NULL},
        BAD("answer", "maybe", "Answer yes or no"),
        {"unit", "vhxh", FORM_OK, FVAL_TEXT, 0, NULL},
        BAD("unit", "Phòng VH-XH", "Choose a unit"),
        {"units", "vhxh:lead, ca-xa:coordinator", FORM_OK, FVAL_TEXT, 0, NULL},
        {"units", "vhxh:lead; vhxh:coordinator\nmttq : coordinator", FORM_OK, FVAL_TEXT, 0,
         NULL},
        BAD("units", "vhxh", "unit:role"),
        BAD("units", "vhxh:boss", "Unknown role \"boss\""),
        BAD("units", "vhxh:lead, vhxh:lead", "\"vhxh\" is listed twice as lead"),
        BAD("units", "Phòng VH:lead", "is not a unit code"),
        {"file", "/home/vhxh/Biên bản.pdf", FORM_OK, FVAL_TEXT, 0, NULL},
    };
    run_checks(form, cases, COUNT(cases));

    /* defaults are kept as codes, whichever way they were written */
    assert_string_equal(form_find_field(form, "status")->default_text, "done-late");
    assert_string_equal(form_find_field(form, "answer")->default_text, "yes");
    assert_null(form_find_field(form, "count")->default_text);

    /* the typed values themselves */
    form_result r;
    form_validate_field(form_find_field(form, "when"), "1/7/2026", &r);
    assert_int_equal(r.value.date, date_from_ymd(2026, 7, 1));
    form_validate_field(form_find_field(form, "period"), "2026q3", &r);
    assert_int_equal(r.value.period.kind, PERIOD_QUARTER);
    assert_int_equal(r.value.period.year, 2026);
    assert_int_equal(r.value.period.index, 3);
    form_validate_field(form_find_field(form, "status"), "Done late", &r);
    assert_string_equal(r.value.code, "done-late");
    form_validate_field(form_find_field(form, "answer"), "Không", &r);
    assert_false(r.value.yes);
    form_validate_field(form_find_field(form, "answer"), "C", &r);
    assert_true(r.value.yes);

    form_unit_role items[4];
    const form_field *units = form_find_field(form, "units");
    assert_int_equal(form_units_parse(units, "vhxh:lead, ca-xa:coordinator;; mttq:coordinator",
                                      items, 4),
                     3);
    assert_string_equal(items[1].unit, "ca-xa");
    assert_string_equal(items[1].role, "coordinator");
    assert_string_equal(items[2].unit, "mttq");
    assert_int_equal(form_units_parse(units, "", items, 4), 0);
    assert_int_equal(form_units_parse(units, "vhxh", items, 4), -1);
    assert_int_equal(form_units_parse(units, "a:lead,b:lead,c:lead", items, 2), 3);
    form_free(form);
}

static void test_text(void **state)
{
    (void)state;
    xaso_form *form = load_fixture(FIXTURES "/sample.yaml");
    static const check_case cases[] = {
        {"name", "Nguyễ", FORM_OK, FVAL_TEXT, 0, NULL},
        {"name", "Nguye\xcc\x82\xcc\x83", FORM_OK, FVAL_TEXT, 0, NULL}, /* 5 characters */
        {"name", "Nguyễn", FORM_ERROR, FVAL_NONE, 0, "at most 5 characters (now 6)"},
        {"name", "  ab ", FORM_OK, FVAL_TEXT, 0, NULL},
        {"symbol", "27/KH-UBND", FORM_OK, FVAL_TEXT, 0, NULL},
        BAD("symbol", "KH-UBND", "Write the symbol like 27/KH-UBND."),
        BAD("symbol", "27/KH-UBND ngày 5/1", "Write the symbol like"), /* the whole text */
        BAD("code", "ab", "Not in the expected form"),
        {"memo", "một\nhai\nba", FORM_OK, FVAL_TEXT, 0, NULL},
        BAD("memo", "mười một ký tự\nvà thêm nữa", "at most 20 characters"),
        BAD("memo", "\xff", "not valid UTF-8"),
    };
    run_checks(form, cases, COUNT(cases));
    form_free(form);
}

/* ---------- computed fields ---------- */

static void test_expressions(void **state)
{
    (void)state;
    xaso_form *form = load_fixture(FIXTURES "/sample.yaml");
    const char *texts[32] = {0};
    assert_true(form->n_fields < COUNT(texts));
    size_t count = index_of(form, "count"), ratio = index_of(form, "ratio");
    size_t total = index_of(form, "total"), grouped = index_of(form, "grouped");
    double v;
    texts[count] = "3";
    texts[ratio] = "2,5";
    /* count + ratio * 2 - -1: precedence and unary minus */
    assert_int_equal(form_compute(form->fields, form->n_fields, total, texts, &v), FORM_COMPUTED);
    assert_true(v == 9);
    /* (count + ratio) * 2 / (1 + 1) */
    assert_int_equal(form_compute(form->fields, form->n_fields, grouped, texts, &v),
                     FORM_COMPUTED);
    assert_true(v == 5.5);
    char buf[32];
    assert_string_equal(form_compute_text(form->fields, form->n_fields, grouped, texts, buf,
                                          sizeof buf),
                        "6"); /* decimals: 0 */
    texts[ratio] = "";
    assert_int_equal(form_compute(form->fields, form->n_fields, total, texts, &v),
                     FORM_MISSING_INPUT);
    assert_string_equal(form_compute_text(form->fields, form->n_fields, total, texts, buf,
                                          sizeof buf),
                        "");
    /* a required computed field needs the fields it is computed from */
    form_problem problems[4];
    assert_int_equal(form_check_required(form->fields, form->n_fields, texts, problems, 4), 1);
    assert_int_equal(problems[0].field, total);
    assert_non_null(strstr(problems[0].message, "computed from"));
    texts[ratio] = "nhiều";
    assert_int_equal(form_compute(form->fields, form->n_fields, total, texts, &v),
                     FORM_MISSING_INPUT);
    assert_int_equal(form_compute(form->fields, form->n_fields, count, texts, &v),
                     FORM_MISSING_INPUT); /* not a computed field */
    form_free(form);
}

static void test_target_value_counts(void **state)
{
    (void)state;
    xaso_error warning, err;
    xaso_form *form = form_load("target-value", &warning, &err);
    assert_non_null(form);
    const form_field *f = form->fields;
    size_t n = form->n_fields;
    const char *texts[16] = {0};
    texts[index_of(form, "no_data")] = "no";
    texts[index_of(form, "entry")] = "counts";
    size_t num = index_of(form, "numerator"), den = index_of(form, "denominator");
    size_t value = index_of(form, "computed_value");
    char buf[32];

    texts[num] = "2";
    texts[den] = "3";
    assert_string_equal(form_compute_text(f, n, value, texts, buf, sizeof buf), "66,67");
    form_problem problems[8];
    assert_int_equal(form_check_all(f, n, texts, true, problems, 8), 0);

    texts[num] = "1.250"; /* 1250 online dossiers out of 1000: more than all of them */
    texts[den] = "1.000";
    assert_string_equal(form_compute_text(f, n, value, texts, buf, sizeof buf), "125");
    assert_int_equal(form_check_all(f, n, texts, false, problems, 8), 1);
    assert_int_equal(problems[0].field, value);
    assert_int_equal(problems[0].severity, FORM_WARNING);
    assert_non_null(strstr(problems[0].message, "Above 100%"));

    texts[den] = "0";
    double v;
    assert_int_equal(form_compute(f, n, value, texts, &v), FORM_DIVIDE_BY_ZERO);
    assert_int_equal(form_check_all(f, n, texts, false, problems, 8), 1);
    assert_int_equal(problems[0].severity, FORM_ERROR);
    assert_non_null(strstr(problems[0].message, "division by zero"));

    texts[den] = "-4";
    assert_int_equal(form_check_all(f, n, texts, false, problems, 8), 1);
    assert_int_equal(problems[0].field, den);
    assert_non_null(strstr(problems[0].message, "at least 0"));
    form_free(form);
}

/* ---------- visibility, requirement, whole-form checks ---------- */

static void test_target_value_visibility(void **state)
{
    (void)state;
    xaso_error warning, err;
    xaso_form *form = form_load("target-value", &warning, &err);
    const form_field *f = form->fields;
    size_t n = form->n_fields;
    const char *texts[16] = {0};
    size_t no_data = index_of(form, "no_data"), entry = index_of(form, "entry");
    size_t value = index_of(form, "value"), num = index_of(form, "numerator");
    size_t value_text = index_of(form, "value_text"), as_of = index_of(form, "as_of");
    form_problem problems[8];

    /* no data: nothing about the value is shown or required */
    texts[no_data] = "có";
    texts[entry] = "counts";
    assert_false(form_field_visible(f, n, entry, texts));
    assert_false(form_field_visible(f, n, num, texts)); /* depends on a hidden field */
    assert_false(form_field_visible(f, n, value, texts));
    assert_true(form_field_visible(f, n, as_of, texts));
    assert_int_equal(form_check_required(f, n, texts, problems, 8), 0);

    /* counts: both counts required, the value hidden */
    texts[no_data] = "no";
    assert_true(form_field_visible(f, n, num, texts));
    assert_false(form_field_visible(f, n, value, texts));
    assert_int_equal(form_check_required(f, n, texts, problems, 8), 2);
    assert_int_equal(problems[0].field, num);
    assert_int_equal(problems[0].severity, FORM_ERROR);
    assert_string_equal(problems[0].message, "Required");
    assert_int_equal(problems[1].field, index_of(form, "denominator"));
    /* not finalising: an empty field is not a problem */
    assert_int_equal(form_check_all(f, n, texts, false, problems, 8), 0);
    assert_int_equal(form_check_all(f, n, texts, true, problems, 8), 2);
    /* the count of problems is returned even when fewer are written */
    problems[1].field = 99;
    assert_int_equal(form_check_required(f, n, texts, problems, 1), 2);
    assert_int_equal(problems[1].field, 99);

    /* a qualitative target */
    texts[entry] = "text";
    assert_true(form_field_visible(f, n, value_text, texts));
    assert_int_equal(form_check_required(f, n, texts, problems, 8), 1);
    assert_int_equal(problems[0].field, value_text);
    texts[value_text] = "Cơ bản hoàn thành";
    assert_int_equal(form_check_required(f, n, texts, problems, 8), 0);

    /* the value itself; an empty no_data counts as "not yes" */
    texts[entry] = "value";
    texts[no_data] = NULL;
    assert_true(form_field_required(f, n, value, texts));
    texts[value] = "trên 100";
    assert_int_equal(form_check_all(f, n, texts, true, problems, 8), 1);
    assert_int_equal(problems[0].severity, FORM_ERROR);
    assert_non_null(strstr(problems[0].message, "Enter a number"));
    form_free(form);
}

static void test_task_progress_rules(void **state)
{
    (void)state;
    xaso_error warning, err;
    xaso_form *form = form_load("task-progress", &warning, &err);
    const form_field *f = form->fields;
    size_t n = form->n_fields;
    const char *texts[16] = {0};
    size_t status = index_of(form, "status"), completion = index_of(form, "completion");
    size_t done_text = index_of(form, "done_text"), evidence = index_of(form, "evidence");
    form_problem problems[8];

    texts[status] = "in-progress";
    assert_int_equal(form_check_required(f, n, texts, problems, 8), 2);
    assert_int_equal(problems[0].field, completion);
    assert_int_equal(problems[1].field, done_text);
    texts[completion] = "120";
    texts[done_text] = "Đã tổ chức 01 lớp tập huấn";
    assert_int_equal(form_check_all(f, n, texts, true, problems, 8), 1);
    assert_int_equal(problems[0].severity, FORM_ERROR); /* a hard limit, not a warning */

    /* a reported completion needs evidence */
    texts[status] = "done";
    texts[completion] = "100";
    assert_int_equal(form_check_required(f, n, texts, problems, 8), 1);
    assert_int_equal(problems[0].field, evidence);
    assert_non_null(strstr(problems[0].message, "at least one"));
    texts[evidence] = "0";
    assert_int_equal(form_check_required(f, n, texts, problems, 8), 1);
    texts[evidence] = "2";
    assert_int_equal(form_check_required(f, n, texts, problems, 8), 0);

    /* each evidence item: a rejected file needs the reason */
    const form_field *group = &f[evidence];
    const char *item[4] = {"scan.pdf", "rejected", NULL, NULL};
    size_t reason = (size_t)form_field_index(group->fields, group->n_fields, "appraisal_reason");
    assert_true(form_field_visible(group->fields, group->n_fields, reason, item));
    assert_int_equal(form_check_all(group->fields, group->n_fields, item, true, problems, 8), 1);
    assert_int_equal(problems[0].field, reason);
    item[1] = "accepted";
    assert_false(form_field_visible(group->fields, group->n_fields, reason, item));
    assert_int_equal(form_check_all(group->fields, group->n_fields, item, true, problems, 8), 0);
    form_free(form);
}

static void test_groups(void **state)
{
    (void)state;
    xaso_form *form = load_fixture(FIXTURES "/sample.yaml");
    const char *texts[32] = {0};
    size_t items = index_of(form, "items");
    form_problem problems[8];
    /* min_items is a requirement of the group … */
    texts[items] = "1";
    assert_int_equal(form_check_all(form->fields, form->n_fields, texts, false, problems, 8), 0);
    /* … not required here, so an empty group passes; too many items never do */
    texts[items] = "4";
    assert_int_equal(form_check_all(form->fields, form->n_fields, texts, false, problems, 8), 1);
    assert_string_equal(problems[0].message, "At most 3 items");
    form_free(form);
}

/* ---------- helpers ---------- */

static void test_format_number(void **state)
{
    (void)state;
    static const struct {
        double v;
        int decimals;
        const char *text;
    } cases[] = {
        {7100, 2, "7.100"},       {66.666666, 2, "66,67"},  {0.5, 2, "0,5"},
        {-1234.5, 2, "-1.234,5"}, {100, 0, "100"},          {1234567.891, 2, "1.234.567,89"},
        {-0.001, 2, "0"},         {1e6, 6, "1.000.000"},    {18.7, 1, "18,7"},
        {0.125, 3, "0,125"},      {999.9999, 2, "1.000"},   {12.6, -3, "13"},
        {1.2346, 3, "1,235"},
    };
    char buf[32];
    for (size_t i = 0; i < COUNT(cases); i++) {
        form_format_number(cases[i].v, cases[i].decimals, buf, sizeof buf);
        if (strcmp(buf, cases[i].text))
            fail_msg("%g (%d) gave \"%s\", expected \"%s\"", cases[i].v, cases[i].decimals, buf,
                     cases[i].text);
        /* what is shown reads back as the same number (as money too, with 2 decimals) */
        double back, again;
        int decimals = cases[i].decimals > 0 ? cases[i].decimals : 0;
        assert_true(number_parse(buf, NUM_DECIMAL, &back));
        assert_true(fabs(back - cases[i].v) <= 0.5 * pow(10, -decimals) + 1e-9);
        if (cases[i].decimals <= 2) {
            assert_true(number_parse(buf, NUM_MONEY, &again));
            assert_true(back == again);
        }
    }
}

static void test_type_codes(void **state)
{
    (void)state;
    for (int t = FT_TEXT; t <= FT_GROUP; t++) {
        form_field_type back;
        assert_true(form_type_from_code(form_type_code((form_field_type)t), &back));
        assert_int_equal(back, t);
    }
    assert_false(form_type_from_code("number", NULL));
    assert_false(form_type_from_code(NULL, NULL));
    assert_true(form_type_is_number(FT_PERCENT));
    assert_false(form_type_is_number(FT_DATE));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_installed_forms_load),
        cmocka_unit_test(test_installed_forms_match_the_store),
        cmocka_unit_test(test_form_strings_up_to_date),
        cmocka_unit_test(test_bad_definitions),
        cmocka_unit_test(test_user_override),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_dates_periods_choices),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_expressions),
        cmocka_unit_test(test_target_value_counts),
        cmocka_unit_test(test_target_value_visibility),
        cmocka_unit_test(test_task_progress_rules),
        cmocka_unit_test(test_groups),
        cmocka_unit_test(test_format_number),
        cmocka_unit_test(test_type_codes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
