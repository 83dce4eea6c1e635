/*
 * The configuration file: git-config syntax, every command-line option a
 * key; the command line wins. Found at --config FILE, $MCWATCH_CONFIG,
 * $XDG_CONFIG_HOME/mcwatch/config (or ~/.config/...), /etc/mcwatch/config.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "../records/region.h"

/* The file to read: named, else the first that exists; NULL for none. */
static const char *
config_path(int argc, char **argv, char *buf, size_t len)
{
	const char *env;
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
			return argv[i + 1];
		if (strncmp(argv[i], "--config=", 9) == 0)
			return argv[i] + 9;
	}
	if ((env = getenv("MCWATCH_CONFIG")) != NULL && env[0] != '\0')
		return env;
	if ((env = getenv("XDG_CONFIG_HOME")) != NULL && env[0] != '\0')
		snprintf(buf, len, "%s/mcwatch/config", env);
	else if ((env = getenv("HOME")) != NULL && env[0] != '\0')
		snprintf(buf, len, "%s/.config/mcwatch/config", env);
	else
		buf[0] = '\0';
	if (buf[0] != '\0' && access(buf, F_OK) == 0)
		return buf;
	return access("/etc/mcwatch/config", F_OK) == 0 ?
	    "/etc/mcwatch/config" : NULL;
}

static const char	*key_hint(const char *name);

/* The configuration read: its values are options' until the command ends. */
static struct conf loaded;

void
cli_config_free(void)
{
	conf_free(&loaded);
}

/* Read the file into loaded, *file naming it (NULL: none); exit status. */
static int
config_load(const char *cmd, int argc, char **argv, const char **file)
{
	static char buf[4096];
	struct err err;

	conf_free(&loaded);
	memset(&loaded, 0, sizeof(loaded));
	if ((*file = config_path(argc, argv, buf, sizeof(buf))) ==
	    NULL)
		return EXIT_OK;
	if (access(*file, R_OK) == -1)
		return cli_usage(cmd, "config %s: %s", *file, strerror(errno));
	err_clear(&err);
	if (conf_read(*file, &loaded, &err) == -1)
		return err.kind != ERR_USAGE ? cli_fail(&err) :
		    cli_usage(cmd, "%s%s", err.msg, loaded.badline > 0 ?
		    key_hint(loaded.badname) : "");
	return EXIT_OK;
}

/*
 * A path value of the configuration as git reads them: "~/" is the home
 * directory; anything else as it is (relative to the working directory).
 * Into buf (len bytes); 0, or -1 when it does not fit or $HOME is unset.
 */
static int
config_path_value(const char *v, char *buf, size_t len)
{
	const char *home = getenv("HOME");
	int n;

	if (strncmp(v, "~/", 2) != 0)
		n = snprintf(buf, len, "%s", v);
	else if (home == NULL || home[0] == '\0')
		return -1;
	else
		n = snprintf(buf, len, "%s/%s", home, v + 2);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

int
cli_secret(const char *cmd, const char *env, const char *cred,
    const char *what, const char *file, char *buf, size_t len)
{
	const char *v = getenv(env), *dir;
	char credpath[4096];
	struct stat sb;
	size_t n;
	FILE *fp;

	buf[0] = '\0';
	/* Under systemd, a credential of the unit's (LoadCredential=). */
	if (v == NULL && file == NULL && cred != NULL &&
	    (dir = getenv("CREDENTIALS_DIRECTORY")) != NULL && dir[0] != '\0') {
		snprintf(credpath, sizeof(credpath), "%s/%s", dir, cred);
		if (access(credpath, F_OK) == 0)
			file = credpath;
	}
	if (v == NULL && file == NULL)
		return EXIT_OK;
	if (v == NULL) {
		if ((fp = fopen(file, "r")) == NULL)
			return cli_usage(cmd, "%s %s: %s", what, file,
			    strerror(errno));
		if (fstat(fileno(fp), &sb) == 0 && (sb.st_mode & 077) != 0)
			cli_error("warning: %s %s: readable by others (mode "
			    "%03o); make it 0600", what, file,
			    (unsigned)(sb.st_mode & 0777));
		if (fgets(buf, (int)len, fp) == NULL)
			buf[0] = '\0';
		fclose(fp);
		v = buf;
	}
	n = strcspn(v, "\r\n");
	/* A secret cut short would fail later with a misleading error. */
	if (n >= len - 1)
		return cli_usage(cmd, "%s: the secret is %s%zu bytes long: at "
		    "most %zu", v == buf ? what : env, v == buf ? "at least " :
		    "", n, len - 2);
	memmove(buf, v, n);
	buf[n] = '\0';
	return EXIT_OK;
}

/*
 * What to say of a name that is no key: the key it was likely meant to
 * be ("email.smtp_url": email.smtp-url; any case), or where a password
 * goes; "" if none is near. The text is static.
 */
static const char *
key_hint(const char *name)
{
	static char buf[256];
	char want[128], *p;
	size_t k;

	if (strcasecmp(name, "email.password") == 0 ||
	    strcasecmp(name, "email.pass") == 0)
		return "; mcwatch reads no password from its configuration: "
		    "give email.password-file (a 0600 file), a systemd "
		    "credential (LoadCredential=smtp-password) or "
		    "$MCWATCH_SMTP_PASSWORD";
	snprintf(want, sizeof(want), "%s", name);
	for (p = want; *p != '\0'; p++)
		*p = *p == '_' ? '-' : (char)tolower((unsigned char)*p);
	for (k = 0; k < cli_ntables; k++)
		if (cli_table_key(&cli_tables[k], want) != NULL) {
			snprintf(buf, sizeof(buf), " (did you mean %s?)", want);
			return buf;
		}
	return "";
}

/* A boolean as git-config writes them: 1, 0, or -1 if it is none. */
static int
conf_bool(const char *v)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };
	size_t i;

	for (i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
		if (strcasecmp(v, no[i]) == 0)
			return 0;
	}
	return -1;
}

/* Whether name is "route.TARGET.regions"; TARGET into buf. */
static int
route_key(const char *name, char *buf, size_t len)
{
	size_t n = strlen(name);

	if (strncmp(name, "route.", 6) != 0 || n < 15 ||
	    strcmp(name + n - 8, ".regions") != 0 || n - 14 >= len)
		return 0;
	memcpy(buf, name + 6, n - 14);
	buf[n - 14] = '\0';
	return 1;
}

/* e's path value with "~/" expanded, in place; 0, or -1 (told). */
static int
expand_value(const char *cmd, const char *file, struct conf_entry *e)
{
	char path[4096], *dup;

	if (strncmp(e->value, "~/", 2) != 0)
		return 0;
	if (config_path_value(e->value, path, sizeof(path)) == -1 ||
	    (dup = strdup(path)) == NULL) {
		cli_misuse(cmd, "config %s: %s: '%s' cannot be expanded ($HOME "
		    "unset, or too long)", file, e->name, e->value);
		return -1;
	}
	free(e->value);
	e->value = dup;
	return 0;
}

/*
 * e, a key "a.b.CODE" of pattern option o, as the option takes it:
 * its value made "CODE=VALUE", in place; 0, or -1 (told).
 */
static int
pattern_value(const char *cmd, const char *file, struct conf_entry *e,
    const struct cli_option *o)
{
	const char *code = e->name + strlen(o->key) - 4;
	char *v;

	if (!region_code_ok(code) ||
	    asprintf(&v, "%s=%s", code, e->value) == -1) {
		cli_misuse(cmd, "config %s:%d: %s: '%s' is no region code (a-z, "
		    "0-9, '-')", file, e->line, e->name, code);
		return -1;
	}
	free(e->value);
	e->value = v;
	return 0;
}

/* Whether any command's table has key. */
static int
key_known(const char *key)
{
	size_t k;

	for (k = 0; k < cli_ntables; k++)
		if (cli_table_key(&cli_tables[k], key) != NULL)
			return 1;
	return 0;
}

/* Give entry e, a key of option o, to t; EXIT_OK, or EXIT_USAGE told. */
static int
config_take(const char *cmd, const char *file, struct conf_entry *e,
    const struct cli_option *o, const struct cli_take *t)
{
	int b, rc;

	if (o->arg == NULL && (b = conf_bool(e->value)) == -1)
		return cli_usage(cmd, "config %s:%d: %s: want true or false, "
		    "not '%s'", file, e->line, e->name, e->value);
	if (o->arg == NULL && b == 0)
		return EXIT_OK;
	if ((o->flags & CLI_PATH) && expand_value(cmd, file, e) == -1)
		return EXIT_USAGE;
	if ((o->flags & CLI_PATTERN) && pattern_value(cmd, file, e, o) == -1)
		return EXIT_USAGE;
	/* The option's own checks speak of the key, where it is. */
	cli_misuse_as(file, e->line, e->name);
	rc = cli_take_one(t, o->code, e->value, 1);
	cli_misuse_as(NULL, 0, NULL);
	return rc == -1 ? EXIT_USAGE : EXIT_OK;
}

int
cli_config_read(const char *cmd, int argc, char **argv,
    const struct cli_table *tab, const struct cli_take *t)
{
	const struct cli_option *o;
	const char *file;
	char target[600];
	size_t i;
	int rc;

	if ((rc = config_load(cmd, argc, argv, &file)) != EXIT_OK ||
	    file == NULL)
		return rc;
	for (i = 0; i < loaded.n; i++) {
		struct conf_entry *e = &loaded.v[i];

		if (route_key(e->name, target, sizeof(target)))
			continue;	/* once the channels are known */
		if ((o = cli_table_key(tab, e->name)) == NULL) {
			if (key_known(e->name))
				continue;	/* another command's */
			return cli_usage(cmd, "config %s:%d: unknown key "
			    "'%s'%s", file, e->line, e->name, key_hint(e->name));
		}
		if ((rc = config_take(cmd, file, e, o, t)) != EXIT_OK)
			return rc;
	}
	for (i = 0; t->notify != NULL && i < loaded.n; i++)
		if (route_key(loaded.v[i].name, target, sizeof(target)) &&
		    (rc = cli_notify_route(cmd, t->notify, target,
		    loaded.v[i].value)) != EXIT_OK)
			return rc;
	return EXIT_OK;
}
