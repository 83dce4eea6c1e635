/*
 * libFuzzer: a snapshot's mimecast.json from an untrusted repository. A
 * dataset that reads must write back and read again to the same records.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../records/json.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct recordset *rs = NULL, *again = NULL;
	struct err err;
	char *buf = NULL;
	size_t blen, i;
	FILE *fp;

	if (recordset_from_json((const char *)data, len, &rs, &err) == -1)
		return 0;
	if ((fp = open_memstream(&buf, &blen)) != NULL) {
		output_records_json(fp, rs);
		fclose(fp);
		if (recordset_from_json(buf, blen, &again, &err) == -1 || again->nrecs != rs->nrecs)
			abort();
		for (i = 0; i < rs->nrecs; i++)
			if (record_cmp(&rs->recs[i], &again->recs[i]) != 0)
				abort();
	}
	free(buf);
	recordset_free(rs);
	recordset_free(again);
	return 0;
}
