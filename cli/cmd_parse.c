/* mcwatch parse: print the records of one page. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../parser/parse.h"
#include "../output/output.h"
#include "../scraper/fetch.h"

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: mcwatch parse [-qv] [--format json|csv|tsv|text] "
	    "[fetch options] PAGE\n"
	    "\n"
	    "Read Mimecast's \"Data Centers and URLs\" page and print its "
	    "records.\n"
	    "PAGE is an http:// or https:// URL (a Zendesk article URL is read "
	    "through the\nHelp Center API), zendesk:HOST (the article found by "
	    "its title), a file, a\nfile:// URL, or - for standard input.\n"
	    "\n"
	    "  -f, --format FMT     json (default), csv, tsv or text\n"
	    "  -q, --quiet          do not print warnings about the page\n"
	    FETCH_USAGE
	    "  -h, --help           this help\n"
	    "      --version        the version\n"
	    "\n"
	    "Exit status: 0 records printed; 2 usage error; 3 PAGE could not "
	    "be read or fetched;\n"
	    "4 no data found or page refused; 6 out of memory or output "
	    "failed.\n");
}

int
cmd_parse(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "quiet", no_argument, NULL, 'q' },
		FETCH_LONGOPTS,
		CLI_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	const struct output_format *fmt = output_find("json");
	struct fetch_opts fo;
	struct recordset *rs = NULL;
	struct page *page = NULL;
	struct err err;
	int ch, quiet = 0, rc = EXIT_INTERNAL;

	cli_fetch_init(&fo);
	while ((ch = cli_getopt("parse", argc, argv, "f:qvh", longopts)) !=
	    -1) {
		if ((rc = cli_common("parse", ch, usage)) != -1)
			return rc;
		switch (cli_fetch_option("parse", ch, optarg, &fo)) {
		case 1:
			continue;
		case -1:
			return EXIT_USAGE;
		}
		switch (ch) {
		case 'f':
			if ((fmt = output_find(optarg)) == NULL)
				return cli_usage("parse", "unknown format '%s' "
				    "(want %s)", optarg, output_names());
			break;
		case 'q':
			quiet = 1;
			fo.progress = 0;
			break;
		}
	}
	if (argc - optind == 0)
		return cli_usage("parse", "no PAGE given (a URL, a file, or - "
		    "for standard input)");
	if (argc - optind > 1)
		return cli_usage("parse", "one PAGE only, not %d ('%s', '%s'%s)",
		    argc - optind, argv[optind], argv[optind + 1],
		    argc - optind > 2 ? ", ..." : "");
	if (argv[optind][0] == '\0')
		return cli_usage("parse", "PAGE is empty");
	if (fetch_page(argv[optind], &fo, &page, &err) == -1)
		return cli_fail(&err);
	if (parse_page(page->body, page->len, page->charset, &rs, &err) ==
	    -1) {
		err_prefix(&err, err.kind == ERR_PARSE ? "parse %s: page "
		    "refused" : "parse %s", page->source);
		goto fail;
	}
	if (!quiet)
		cli_warnings(rs);
	if (rs->nrecs == 0) {
		err_set(&err, ERR_PARSE, "parse %s: %s", page->source,
		    PARSE_NODATA);
		goto fail;
	}
	if (fmt->write(stdout, rs) == -1) {
		err_set(&err, ERR_IO, "parse: writing the %s output failed: %s",
		    fmt->name, strerror(errno));
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
