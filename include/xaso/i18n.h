/* Translations: every string a user sees goes through _() (or N_() where it is only marked).
 * Catalogues are the gettext .mo files built from locale/<lang>.po, read by xaso itself so that the language
 * does not depend on which locales the machine has installed (C.UTF-8 works). */
#ifndef XASO_I18N_H
#define XASO_I18N_H

#define _(s) i18n_text(s)
#define N_(s) (s)
#define P_(s, p, n) i18n_plural((s), (p), (n))

/* Choose the language and load its catalogue. lang is "vi", "en" or NULL (then $XASO_LANG, the
 * `lang` setting in $XDG_CONFIG_HOME/xaso/config, the environment's locale when it names vi or
 * en, else Vietnamese). Also sets LC_CTYPE from the environment and keeps LC_NUMERIC "C".
 * Never fails: with no catalogue, messages stay in English (the source language). */
void i18n_init(const char *lang);
/* The language in effect: "vi" or "en". */
const char *i18n_lang(void);
/* True when lang is a language xaso speaks. */
int i18n_known(const char *lang);
const char *i18n_text(const char *msgid) __attribute__((format_arg(1)));
const char *i18n_plural(const char *msgid, const char *msgid_plural, unsigned long n)
    __attribute__((format_arg(1), format_arg(2)));

#endif
