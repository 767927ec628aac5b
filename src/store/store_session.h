/* The signed-in account kept in the store handle: written by store_account.c, read by store.c for
 * audit rows. Internal to src/store. */
#ifndef XASO_STORE_SESSION_H
#define XASO_STORE_SESSION_H

#include "xaso/store.h"

struct xaso_account;
/* The slot holding the signed-in account (malloc'd copy, freed by store_close), NULL = nobody. */
struct xaso_account **store_session_account(xaso_store *st);

#endif
