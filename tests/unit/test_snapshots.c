/* The snapshot store's pieces: SHA-256, the dataset bytes, a round trip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../parser/parse.h"
#include "../../records/json.h"
#include "../../util/sha256.h"
#include "../../snapshots/snapshot.h"

static void
test_sha256(void **state)
{
	char hex[SHA256_HEXLEN], *big;

	(void)state;
	assert_string_equal(sha256_hex("", 0, hex), "e3b0c44298fc1c149afbf4c8"
	    "996fb92427ae41e4649b934ca495991b7852b855");
	assert_string_equal(sha256_hex("abc", 3, hex), "ba7816bf8f01cfea41414"
	    "0de5dae2223b00361a396177a9cb410ff61f20015ad");
	/* 56 bytes: the padding spills into a second block. */
	assert_string_equal(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljk"
	    "lmklmnlmnomnopnopq", 56, hex), "248d6a61d20638b8e5c026930c3e6039"
	    "a33ce45964ff2167f6ecedd419db06c1");
	big = malloc(1000000);
	memset(big, 'a', 1000000);
	assert_string_equal(sha256_hex(big, 1000000, hex), "cdc76e5c9914fb92"
	    "81a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(big);
}

static const char page[] = "<h2>Germany</h2><h3>Nets</h3><table>"
    "<tr><th>Network</th><th>IP Address Range</th><th>Netmask</th></tr>"
    "<tr><td>192.0.2.0/24</td><td>192.0.2.1 to 192.0.2.254</td>"
    "<td>255.255.255.0</td></tr></table><h3>Non-SPF</h3><table>"
    "<tr><th>Region</th><th>IP Address Range 1</th></tr>"
    "<tr><td>Europe</td><td>198.51.100.1 - 198.51.100.9</td></tr></table>"
    "<h3>URLs</h3><table><tr><th>Application</th><th>URL</th></tr>"
    "<tr><td>API \"v2\"</td><td>https://de.example/?a=1&amp;b=2</td></tr>"
    "</table><h3>Ports</h3><table><tr><th>Protocol</th><th>Port</th>"
    "<th>Usage</th></tr><tr><td>SMTP</td><td>25</td><td>Mail, \\ and"
    " more</td></tr></table>";

/* Records written as a dataset read back as the same records. */
static void
test_dataset_roundtrip(void **state)
{
	struct recordset *rs, *back;
	struct err err;
	char *data, *again;
	size_t len, len2, i;

	(void)state;
	assert_int_equal(parse_page(page, strlen(page), NULL, &rs, &err),
	    0);
	assert_int_equal(rs->nrecs, 4);
	assert_int_equal(snapshot_dataset(rs, &data, &len), 0);
	assert_int_equal(recordset_from_json(data, len, &back, &err), 0);
	assert_int_equal(back->nrecs, rs->nrecs);
	for (i = 0; i < rs->nrecs; i++)
		assert_int_equal(record_cmp(&rs->recs[i], &back->recs[i]), 0);
	/* And the same bytes again: identical data, identical bytes. */
	assert_int_equal(snapshot_dataset(back, &again, &len2), 0);
	assert_int_equal(len, len2);
	assert_memory_equal(data, again, len);
	free(data);
	free(again);
	recordset_free(rs);
	recordset_free(back);
}

static void
test_dataset_invalid(void **state)
{
	static const char *bad[] = {
		"", "[]", "{\"records\":{}}",
		"{\"records\":[{\"kind\":\"host\"}]}",
		"{\"records\":[{\"kind\":\"network\",\"region\":\"x\","
		"\"region_code\":\"x\",\"section\":\"\",\"cidr\":\"10.0.0.0/33\"}]}",
		"{\"records\":[{\"kind\":\"port\",\"region\":\"x\","
		"\"region_code\":\"x\",\"section\":\"\",\"protocol\":\"p\","
		"\"usage\":\"\",\"port\":70000}]}",
	};
	struct recordset *rs;
	struct err err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(recordset_from_json(bad[i], strlen(bad[i]),
		    &rs, &err), -1);
		assert_null(rs);
		assert_true(err.msg[0] != '\0');
	}
}

/*
 * The dataset as written is read a line at a time; any other layout of
 * the same JSON (hand-edited, pretty-printed, with more keys) is read
 * whole, to the same records; and a bad record fails either way.
 */
static void
test_dataset_layouts(void **state)
{
	static const char *same[] = {
		/* the writer's own form */
		"{\"records\":[\n%s,\n%s\n]}\n",
		/* no final newline, spaces, another key */
		"{\"records\":[\n%s,\n%s\n]}",
		"{ \"records\" : [ %s , %s ] }",
		"{\"records\":[\n%s,\n%s\n],\"warnings\":[]}\n",
	};
	static const char *bad[] = {
		/* a duplicate key inside a record, in the line form */
		"{\"records\":[\n%s,\n{\"kind\":\"url\",\"kind\":\"url\"}\n]}\n",
		/* a line that is no record */
		"{\"records\":[\n%s,\n42\n]}\n",
		/* garbage after the last line */
		"{\"records\":[\n%s\n]}\nx",
	};
	const char *r1 = "{\"kind\":\"network\",\"region\":\"Germany\","
	    "\"region_code\":\"de\",\"section\":\"S\",\"cidr\":"
	    "\"192.0.2.0/24\",\"netmask\":\"255.255.255.0\"}";
	const char *r2 = "{\"kind\":\"url\",\"region\":\"Germany\","
	    "\"region_code\":\"de\",\"section\":\"S\",\"application\":"
	    "\"API\",\"url\":\"https://de.example/\"}";
	struct recordset *rs;
	struct err err;
	char buf[2048];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		snprintf(buf, sizeof(buf), same[i], r1, r2);
		assert_int_equal(recordset_from_json(buf, strlen(buf), &rs,
		    &err), 0);
		assert_int_equal(rs->nrecs, 2);
		assert_int_equal(rs->recs[0].kind, RECORD_NETWORK);
		assert_string_equal(rs->recs[1].url, "https://de.example/");
		recordset_free(rs);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(buf, sizeof(buf), bad[i], r1);
		assert_int_equal(recordset_from_json(buf, strlen(buf), &rs,
		    &err), -1);
		assert_null(rs);
		assert_int_equal(err.kind, ERR_PARSE);
	}
	/* No records at all, as the writer puts it. */
	assert_int_equal(recordset_from_json("{\"records\":[\n]}\n", 16, &rs,
	    &err), 0);
	assert_int_equal(rs->nrecs, 0);
	recordset_free(rs);
}

/*
 * Status and note through the schema: written only for a retiring record
 * (so a live one's bytes are as before 0.4), read back, and checked.
 */
static void
test_dataset_status(void **state)
{
	const char *live = "{\"records\":[\n{\"kind\":\"url\",\"region\":"
	    "\"Germany\",\"region_code\":\"de\",\"section\":\"S\","
	    "\"application\":\"API\",\"url\":\"https://de.example/\"}\n]}\n";
	const char *bad = "{\"records\":[\n{\"kind\":\"url\",\"region\":"
	    "\"Germany\",\"region_code\":\"de\",\"section\":\"S\","
	    "\"application\":\"API\",\"url\":\"https://de.example/\","
	    "\"status\":\"gone\"}\n]}\n";
	struct recordset *rs, *back;
	struct err err;
	char *data;
	size_t len;

	(void)state;
	assert_int_equal(recordset_from_json(live, strlen(live), &rs, &err), 0);
	assert_int_equal(rs->recs[0].status, RECORD_LIVE);
	assert_int_equal(snapshot_dataset(rs, &data, &len), 0);
	assert_int_equal(len, strlen(live));
	assert_memory_equal(data, live, len);
	free(data);
	rs->recs[0].status = RECORD_RETIRING;
	assert_non_null(rs->recs[0].note = strdup("Decommissioned 1 Jan"));
	assert_int_equal(snapshot_dataset(rs, &data, &len), 0);
	assert_non_null(strstr(data, "\"status\":\"retiring\",\"note\":"
	    "\"Decommissioned 1 Jan\"}"));
	assert_int_equal(recordset_from_json(data, len, &back, &err), 0);
	assert_int_equal(record_cmp(&rs->recs[0], &back->recs[0]), 0);
	assert_int_equal(back->recs[0].status, RECORD_RETIRING);
	/* Live and retiring are two values of one identity: a change. */
	back->recs[0].status = RECORD_LIVE;
	assert_true(record_same_identity(&rs->recs[0], &back->recs[0]));
	assert_int_not_equal(record_cmp(&rs->recs[0], &back->recs[0]), 0);
	free(data);
	recordset_free(rs);
	recordset_free(back);
	assert_int_equal(recordset_from_json(bad, strlen(bad), &rs, &err), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256),
		cmocka_unit_test(test_dataset_roundtrip),
		cmocka_unit_test(test_dataset_invalid),
		cmocka_unit_test(test_dataset_layouts),
		cmocka_unit_test(test_dataset_status),
	};

	return cmocka_run_group_tests_name("snapshots", tests, NULL, NULL);
}
