#include "xaso/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xaso/fsutil.h"
#include "xaso/i18n.h"
#include "xaso/planio.h"
#include "xaso/store_office.h"
#include "xaso/store_plan.h"

char *demo_path(void)
{
    char *dir = fs_xdg_data_dir();
    char *path = fs_join(dir, "demo.db");
    free(dir);
    return path;
}

static int build(xaso_store *st, xaso_error *err)
{
    xaso_office office = {.code = "ngoc-son", .name = "UBND phường Ngọc Sơn", .level = "phuong",
                          .province = "Thanh Hóa"};
    if (store_office_save(st, &office, err))
        return err->code;
    char *data = fs_data_dir();
    char *file = fs_join(data, "forms/plans/ngoc-son-2026.yaml");
    free(data);
    xaso_plan *plan = planio_load(file, err);
    free(file);
    if (!plan)
        return err->code;
    plan_import_result res;
    int rc = store_plan_import(st, plan, &res, err);
    plan_free(plan);
    return rc;
}

int demo_open(xaso_store **out, xaso_error *err)
{
    char *path = demo_path();
    bool fresh = !fs_exists(path);
    int rc = store_open(path, STORE_OPEN_CREATE, out, err);
    if (!rc && fresh) {
        store_set_actor(*out, "demo");
        rc = build(*out, err);
        if (rc) {
            store_close(*out);
            *out = NULL;
            /* a half-built demo would be worse than none */
            unlink(path);
        }
    }
    free(path);
    return rc;
}
