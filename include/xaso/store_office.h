/* The office that keeps the database. */
#ifndef XASO_STORE_OFFICE_H
#define XASO_STORE_OFFICE_H

#include <stdbool.h>

#include "xaso/store.h"

typedef struct {
    char code[64];
    char name[256];
    char level[16]; /* xa | phuong | dac-khu | tinh */
    char province[256];
} xaso_office;

bool office_level_valid(const char *level);
/* Set up (or update) the office record; audited. */
int store_office_save(xaso_store *st, const xaso_office *office, xaso_error *err);
/* false in *found when the database has no office yet. */
int store_office_get(xaso_store *st, xaso_office *office, bool *found, xaso_error *err);

#endif
