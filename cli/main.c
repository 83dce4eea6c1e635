/* mcwatch: keep a versioned record of Mimecast's data centers and URLs. */
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "cli.h"
#include "../transport/transfer.h"
#include "../snapshots/store.h"

/* The exit status of each kind of error: the one place they are mapped. */
static const struct {
	enum err_kind	kind;
	int		status;
} statuses[] = {
	{ ERR_USAGE, EXIT_USAGE },
	{ ERR_NOMEM, EXIT_INTERNAL },
	{ ERR_FETCH, EXIT_FETCH },
	{ ERR_PARSE, EXIT_REJECTED },
	{ ERR_REPO, EXIT_REPO },
	{ ERR_IO, EXIT_INTERNAL },
	{ ERR_NOTIFY, EXIT_NOTIFY }
};

int
cli_status(enum err_kind k)
{
	size_t i;

	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (statuses[i].kind == k)
			return statuses[i].status;
	return EXIT_INTERNAL;
}

int
cli_fail(const struct err *e)
{
	cli_error("%s", e->msg[0] != '\0' ? e->msg : err_kind_name(e->kind));
	return cli_status(e->kind);
}

static const struct command commands[] = {
	{ "run", cmd_run, "fetch the page; snapshot it when its data changed",
	    GIT_WRITES },
	{ "parse", cmd_parse, "print the records of a page", 0 },
	{ "diff", cmd_diff, "the changes between two snapshots", GIT_READS },
	{ "log", cmd_log, "one line per snapshot", GIT_READS },
	{ "show", cmd_show, "the records as they stood at a snapshot",
	    GIT_READS },
	{ "export", cmd_export, "the records in a firewall's or mail server's "
	    "format", GIT_READS },
	{ "history", cmd_history, "when a record appeared, changed, went",
	    GIT_READS },
	{ "lookup", cmd_lookup, "which record an address falls in", GIT_READS },
	{ "notify", cmd_notify, "send a test message to every channel",
	    GIT_READS },
	{ "publish", cmd_publish, "write the static site of the snapshots",
	    GIT_READS },
	{ "status", cmd_status, "is the nightly job healthy (for monitoring)",
	    GIT_READS },
	{ "spf", cmd_spf, "Mimecast's SPF netblocks against the page",
	    GIT_READS },
};

static void
usage(FILE *fp)
{
	size_t i;

	fprintf(fp, "usage: mcwatch [--help | --version | --config-keys] COMMAND [ARGS]\n"
	    "\nCommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(fp, "  %-10s %s\n", commands[i].name,
		    commands[i].summary);
	fprintf(fp, "\n'mcwatch COMMAND --help' tells more; see also "
	    "mcwatch(1) and mcwatch-records(5).\n'mcwatch --config-keys' lists "
	    "every configuration key, its option and\nthe commands that read "
	    "it.\n\n");
	cli_usage_all_exits(fp);
	fprintf(fp, "status exits as a monitoring plugin: 0 OK, 1 WARNING, 2 "
	    "CRITICAL, 3 UNKNOWN.\n");
}

int
main(int argc, char **argv)
{
	static char outbuf[1 << 16];
	struct err err;
	size_t i;
	int rc = EXIT_USAGE;

	/* Byte-wise collation and C number formats, whatever the user's. */
	setlocale(LC_ALL, "C");
	/*
	 * To a file or a pipe in 64 KiB writes, not 4 KiB ones (a dataset of
	 * 10,000 records was 518 write calls); a terminal keeps its lines.
	 */
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return cli_flush("--help");
	}
	if (strcmp(argv[1], "--config-keys") == 0) {
		cli_print_keys(stdout);
		return cli_flush("--config-keys");
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("mcwatch %s\n", MCWATCH_VERSION);
		return cli_flush("--version");
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			break;
	if (i == sizeof(commands) / sizeof(commands[0])) {
		cli_error("unknown command '%s'; see 'mcwatch --help'",
		    argv[1]);
		return EXIT_USAGE;
	}
	/* libcurl starts at the first transfer (transfer_easy). */
	xmlInitParser();
	if (commands[i].git && store_init(&err) == -1) {
		xmlCleanupParser();
		return cli_fail(&err);
	}
	if (commands[i].git == GIT_READS)
		store_read_any_owner();
	rc = commands[i].run(argc - 1, argv + 1);
	cli_config_free();
	if (commands[i].git)
		store_shutdown();
	xmlCleanupParser();
	transfer_cleanup();
	return rc;
}
