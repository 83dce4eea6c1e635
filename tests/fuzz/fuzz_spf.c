/*
 * libFuzzer: a snapshot's spf.json from an untrusted repository, read
 * back and, when it reads, written again: what is written reads back to
 * the same bytes.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../spf/spf.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct spf_doc d, back, none;
	struct spf_report r;
	struct err err;
	char *buf = NULL, *again = NULL, *list = NULL;
	size_t blen, alen, llen;

	memset(&none, 0, sizeof(none));
	memset(&r, 0, sizeof(r));
	if (spf_doc_parse((const char *)data, len, &d, &err) == -1)
		return 0;
	/* What is written reads back, and is written the same again. */
	if (spf_doc_json(&d, &buf, &blen) == 0) {
		if (spf_doc_parse(buf, blen, &back, &err) == -1 &&
		    err.kind != ERR_NOMEM)
			abort();
		if (spf_doc_json(&back, &again, &alen) == 0 && (alen != blen ||
		    memcmp(again, buf, blen) != 0))
			abort();
		spf_doc_clear(&back);
	}
	spf_doc_list(&d, NULL, 4, &list, &llen);
	spf_report_changes(&r, &none, &d);
	spf_report_changes(&r, &d, &none);
	spf_report_sort(&r);
	free(list);
	free(again);
	free(buf);
	spf_report_clear(&r);
	spf_doc_clear(&d);
	return 0;
}
