/* mcwatch parse: print the records of one page. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../parser/parse.h"
#include "../output/output.h"
#include "../scraper/fetch.h"

static const struct cli_exit exits[] = {
	{ EXIT_OK, "records printed" },
	{ EXIT_USAGE, NULL },
	{ EXIT_FETCH, "PAGE could not be read or fetched" },
	{ EXIT_REJECTED, "no data found or page refused" },
	{ EXIT_INTERNAL, NULL },
};

static void
usage(FILE *fp)
{
	CLI_HELP(fp, "parse", "Read Mimecast's \"Data Centers and URLs\" page and print "
	    "its records.\nPAGE is an http:// or https:// URL (a Zendesk "
	    "article URL is read through the\nHelp Center API), zendesk:HOST "
	    "(the article found by its title), a file, a\nfile:// URL, or - "
	    "for standard input.\n",
	    exits, NULL);
}

/* parse's options. */
struct parse_args {
	struct fetch_opts		 fo;
	const struct output_format	*fmt;
	int				 quiet;
};

/* Take option ch of parse with arg; 0, or -1 told. */
static int
parse_option(void *p, int ch, const char *arg, int from_config)
{
	struct parse_args *o = p;
	int r;

	(void)from_config;
	if ((r = cli_fetch_option("parse", ch, arg, &o->fo)) != 0)
		return r == -1 ? -1 : 0;
	if (ch == 'f' && (o->fmt = output_find(arg)) == NULL)
		return cli_misuse("parse", "unknown format '%s' (want %s)", arg,
		    output_names()), -1;
	if (ch == 'q') {
		o->quiet = 1;
		o->fo.progress = 0;
	}
	return 0;
}

int
cmd_parse(int argc, char **argv)
{
	struct parse_args o;
	const struct cli_take t = { parse_option, &o, NULL, usage, NULL };
	struct recordset *rs = NULL;
	struct page *page = NULL;
	struct err err;
	int rc = EXIT_INTERNAL;

	memset(&o, 0, sizeof(o));
	o.fmt = output_find("json");
	cli_fetch_init(&o.fo);
	if ((rc = cli_parse("parse", argc, argv, &t)) != EXIT_OK)
		return rc == CLI_DONE ? EXIT_OK : rc;
	if (argc - optind == 0)
		return cli_usage("parse", "no PAGE given (a URL, a file, or - "
		    "for standard input)");
	if (argc - optind > 1)
		return cli_usage("parse", "one PAGE only, not %d ('%s', '%s'%s)",
		    argc - optind, argv[optind], argv[optind + 1],
		    argc - optind > 2 ? ", ..." : "");
	if (argv[optind][0] == '\0')
		return cli_usage("parse", "PAGE is empty");
	if (fetch_page(argv[optind], &o.fo, &page, &err) == -1)
		return cli_fail(&err);
	if (parse_page(page->body, page->len, page->charset, &rs, &err) ==
	    -1) {
		err_prefix(&err, err.kind == ERR_PARSE ? "parse %s: page "
		    "refused" : "parse %s", page->source);
		goto fail;
	}
	if (!o.quiet)
		cli_warnings(rs);
	if (rs->nrecs == 0) {
		err_set(&err, ERR_PARSE, "parse %s: %s", page->source,
		    PARSE_NODATA);
		goto fail;
	}
	if (o.fmt->write(stdout, rs) == -1) {
		err_set(&err, ERR_IO, "parse: writing the %s output failed: %s",
		    o.fmt->name, strerror(errno));
		goto fail;
	}
	rc = cli_flush("parse");
	goto cleanup;
 fail:
	rc = cli_fail(&err);
 cleanup:
	recordset_free(rs);
	page_free(page);
	return rc;
}
