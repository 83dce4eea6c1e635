/* Usage text, built from the option tables and the exit status table. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

#define WIDTH	79	/* columns of a usage line */
#define HELPCOL	23	/* where an option's help starts */

/* What each exit status means; a command may say more of its own. */
static const struct cli_exit exits[] = {
	{ EXIT_OK, "success" },
	{ EXIT_CHANGED, "run --exit-code: a change was recorded" },
	{ EXIT_USAGE, "usage error" },
	{ EXIT_FETCH, "the page could not be read or fetched" },
	{ EXIT_REJECTED, "page rejected (no data, or the anomaly guard)" },
	{ EXIT_REPO, "repository error or busy" },
	{ EXIT_INTERNAL, "out of memory, or the output could not be written" },
	{ EXIT_RECORDED, "run: a change was recorded, but a later step "
	    "failed" },
	{ EXIT_PENDING, "run: recorded, a notification pending" },
	{ EXIT_NOTIFY, "notify: a channel failed" },
};

const char *
cli_exit_text(int st)
{
	size_t i;

	for (i = 0; i < sizeof(exits) / sizeof(exits[0]); i++)
		if (exits[i].status == st)
			return exits[i].text;
	return "";
}

/* The n bytes of word w onto fp at column *col, wrapped to indent. */
static void
put_word(FILE *fp, const char *w, size_t n, int *col, int indent)
{
	if (*col > indent && *col + 1 + (int)n > WIDTH) {
		fprintf(fp, "\n%*s", indent, "");
		*col = indent;
	} else if (*col > indent) {
		fputc(' ', fp);
		(*col)++;
	}
	fprintf(fp, "%.*s", (int)n, w);
	*col += (int)n;
}

/* The words of s onto fp from column *col, wrapped to indent. */
static void
put_words(FILE *fp, const char *s, int *col, int indent)
{
	size_t n;

	s += strspn(s, " ");
	while (*s != '\0') {
		n = strcspn(s, " ");
		put_word(fp, s, n, col, indent);
		s += n;
		s += strspn(s, " ");
	}
}

/* "Exit status: 0 ...; 2 ...." of the n statuses of v, wrapped. */
static void
usage_exits(FILE *fp, const struct cli_exit *v, size_t n)
{
	char buf[256];
	size_t i;
	int col = 0;

	put_words(fp, "Exit status:", &col, 0);
	for (i = 0; i < n; i++) {
		snprintf(buf, sizeof(buf), "%d %s%s", v[i].status,
		    v[i].text != NULL ? v[i].text : cli_exit_text(v[i].status),
		    i + 1 < n ? ";" : ".");
		/* The status and its first word on one line. */
		put_word(fp, buf, strcspn(buf + strcspn(buf, " ") + 1, " ") +
		    strcspn(buf, " ") + 1, &col, 0);
		put_words(fp, buf + strcspn(buf + strcspn(buf, " ") + 1, " ") +
		    strcspn(buf, " ") + 1, &col, 0);
	}
	fputc('\n', fp);
}

void
cli_usage_all_exits(FILE *fp)
{
	usage_exits(fp, exits, sizeof(exits) / sizeof(exits[0]));
}

/* One synopsis item of option o into buf: "[--name ARG]". */
static void
synopsis_item(const struct cli_option *o, char *buf, size_t len)
{
	char opt[64];
	int req = (o->flags & CLI_REQUIRED) != 0;

	if (o->letter != 0)
		snprintf(opt, sizeof(opt), "-%c", o->letter);
	else
		snprintf(opt, sizeof(opt), "--%s", o->name);
	snprintf(buf, len, "%s%s%s%s%s", req ? "" : "[", opt,
	    o->arg != NULL ? " " : "", o->arg != NULL ? o->arg : "",
	    req ? "" : "]");
}

/* The synopsis ("usage: mcwatch CMD [...]") of table t, wrapped. */
static void
usage_synopsis(FILE *fp, const struct cli_table *t)
{
	char buf[128];
	int col, indent, fetch = 0, notify = 0;
	size_t i;

	col = indent = fprintf(fp, "usage: mcwatch %s ", t->cmd);
	for (i = 0; i < t->nopts; i++) {
		const struct cli_option *o = &t->opts[i];

		/* An alias (no key of its own, same code as one before). */
		if ((o->name == NULL && o->letter == 0) ||
		    (o->flags & CLI_COMMON) || (i > 0 && o->key == NULL &&
		    o->code == t->opts[i - 1].code))
			continue;
		if (o->flags & (CLI_FETCH | CLI_NOTIFY)) {
			fetch |= (o->flags & CLI_FETCH) != 0;
			notify |= (o->flags & CLI_NOTIFY) != 0;
			continue;
		}
		synopsis_item(o, buf, sizeof(buf));
		put_word(fp, buf, strlen(buf), &col, indent);
	}
	if (notify)
		put_word(fp, "[notification options]", 22, &col, indent);
	if (fetch)
		put_word(fp, "[fetch options]", 15, &col, indent);
	if (t->operands != NULL)
		put_word(fp, t->operands, strlen(t->operands), &col, indent);
	fputc('\n', fp);
}

/* The option line of o: "  -f, --format FMT     help". */
static void
option_line(FILE *fp, const struct cli_option *o,
    const char *(*formats)(void))
{
	const char *(*names)(void) = o->names != NULL ? o->names :
	    (o->flags & CLI_FMTNAMES) ? formats : NULL;
	char letter[4] = "";
	int col;

	if (o->letter != 0)
		snprintf(letter, sizeof(letter), "-%c", o->letter);
	col = fprintf(fp, "  %s%s", letter,
	    o->letter != 0 && o->name != NULL ? ", " : "");
	col += fprintf(fp, "%s%s%s",
	    o->name != NULL ? "--" : "", o->name != NULL ? o->name : "",
	    o->arg != NULL ? " " : "");
	if (o->arg != NULL)
		col += fprintf(fp, "%s", o->arg);
	/* A long option has its help on the next line. */
	if (col > HELPCOL - 2)
		fprintf(fp, "\n%*s", HELPCOL, "");
	else
		fprintf(fp, "%*s", HELPCOL - col, "");
	col = HELPCOL;
	put_words(fp, o->help, &col, HELPCOL);
	if (names != NULL)
		put_words(fp, names(), &col, HELPCOL);
	fputc('\n', fp);
}

/* The option lines of table t; formats as cli_help has it. */
static void
usage_options(FILE *fp, const struct cli_table *t,
    const char *(*formats)(void))
{
	size_t i;

	for (i = 0; i < t->nopts; i++)
		if (t->opts[i].name != NULL || t->opts[i].letter != 0)
			option_line(fp, &t->opts[i], formats);
}

void
cli_help(FILE *fp, const char *cmd, const char *about,
    const struct cli_exit *v, size_t n, const char *(*formats)(void))
{
	const struct cli_table *t = cli_table_find(cmd);

	if (t == NULL)
		return;
	usage_synopsis(fp, t);
	fprintf(fp, "\n%s\n", about);
	usage_options(fp, t, formats);
	fputc('\n', fp);
	usage_exits(fp, v, n);
}

/*
 * Whether table k's option of key is o's: the same key and the same name
 * (run's --spf-timeout and spf's --timeout are one key, two options).
 */
static int
same_option(size_t k, const struct cli_option *o)
{
	const struct cli_option *x = cli_table_key(&cli_tables[k], o->key);

	return x != NULL && (x->name == o->name || (x->name != NULL &&
	    o->name != NULL && strcmp(x->name, o->name) == 0));
}

/* Whether a table before the i-th has o's key as the same option. */
static int
key_before(size_t i, const struct cli_option *o)
{
	size_t k;

	for (k = 0; k < i; k++)
		if (same_option(k, o))
			return 1;
	return 0;
}

void
cli_print_keys(FILE *fp)
{
	const struct cli_option *o;
	size_t i, j, k, l;

	for (i = 0; i < cli_ntables; i++)
		for (j = 0; j < cli_tables[i].nopts; j++) {
			o = &cli_tables[i].opts[j];
			if (o->key == NULL || key_before(i, o))
				continue;
			fprintf(fp, "%s\t%s%s\t", o->key, o->name ? "--" : "-",
			    o->name ? o->name : "");
			for (k = i, l = 0; k < cli_ntables; k++)
				if (same_option(k, o))
					fprintf(fp, "%s%s", l++ ? " " : "",
					    cli_tables[k].cmd);
			fputc('\n', fp);
		}
}
