/*
 * Publishing's pieces: the history's lines (commas, cancelling pairs), the
 * site directory's rules, links, and a whole site whose JSON files
 * jansson reads.
 */
#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "../../parser/parse.h"
#include "../../publish/timeline.h"
#include "../../publish/publish.h"
#include "../../publish/site.h"
#include "../../output/html.h"
#include "../../snapshots/snapshot.h"

#define L1	"{\"kind\":\"port\",\"region\":\"G\",\"region_code\":\"g\"," \
		"\"section\":\"P\",\"protocol\":\"SMTP\",\"port\":25,\"usage\":\"\"}"

/* A line that only gained or lost its comma is no change. */
static void
test_lines(void **state)
{
	struct pub_timeline h;

	(void)state;
	memset(&h, 0, sizeof(h));
	assert_int_equal(pub_timeline_add_snap(&h, "a", 1, NULL), 0);
	assert_int_equal(pub_timeline_add_line(&h, L1 ",", strlen(L1) + 1, 1),
	    0);
	assert_int_equal(h.lines[0].len, strlen(L1));
	assert_int_equal(pub_timeline_add_snap(&h, "b", 2, NULL), 0);
	assert_int_equal(pub_timeline_add_line(&h, L1, strlen(L1), 1), 0);
	assert_int_equal(pub_timeline_add_line(&h, L1 ",", strlen(L1) + 1, 0),
	    0);
	assert_int_equal(h.snaps[1].n, 0);
	assert_int_equal(h.nlines, 1);
	assert_int_equal(h.arenalen, strlen(L1));
	free(h.snaps[0].source);
	free(h.snaps);
	free(h.lines);
	free(h.arena);
}

/* Only http(s) URLs become links; text is text. */
static void
test_links(void **state)
{
	xmlNodePtr body, n;
	htmlDocPtr doc;
	char *s;

	(void)state;
	assert_non_null(doc = html_new("t", NULL, &body));
	assert_non_null(n = html_link(body, "javascript:alert(1)", "x"));
	assert_string_equal((const char *)n->name, "span");
	assert_non_null(n = html_link(body, "https://a.example/\"x", "y"));
	assert_string_equal((const char *)n->name, "span");
	assert_non_null(n = html_link(body, "HTTPS://a.example/p?q=1", "<b>"));
	assert_string_equal((const char *)n->name, "a");
	assert_non_null(s = html_dump(doc));
	assert_non_null(strstr(s, "<!DOCTYPE html>"));
	assert_non_null(strstr(s, "&lt;b&gt;"));
	assert_null(strstr(s, "<b>"));
	assert_null(strstr(s, "href=\"javascript"));
	free(s);
	xmlFreeDoc(doc);
}

/* The site directory: names it will write, what it will replace. */
static void
test_site(void **state)
{
	static const char *const bad[] = { "../x", ".hidden", "a//b", "/abs",
	    "a/", "a/../b", "a b", "a/.git/x", "" };
	char dir[] = "/tmp/mcwatch-site-XXXXXX", out[300];
	struct err err;
	struct site *s;
	size_t i, w, l;
	FILE *fp;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(out, sizeof(out), "%s/site", dir);
	assert_non_null(s = site_open(out, 0, NULL, 1, &err));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(site_put(s, bad[i], "x", 1, &err), -1);
	assert_int_equal(site_put(s, "a/b/c.txt", "x", 1, &err), 0);
	assert_int_equal(site_put(s, SITE_MARK, "{\"generator\":\"mcwatch\"}",
	    23, &err), 0);
	assert_int_equal(site_commit(s, &err), 0);
	site_free(s);
	/* Again: the same bytes are kept, not written. */
	assert_non_null(s = site_open(out, 0, NULL, 1, &err));
	assert_int_equal(site_put(s, "a/b/c.txt", "x", 1, &err), 0);
	assert_int_equal(site_put(s, SITE_MARK, "{\"generator\":\"mcwatch\"}",
	    23, &err), 0);
	site_counts(s, &w, &l);
	assert_int_equal(w, 0);
	assert_int_equal(l, 2);
	site_free(s);	/* never committed: the old site stays */
	snprintf(out, sizeof(out), "%s/site/a/b/c.txt", dir);
	assert_int_equal(access(out, F_OK), 0);
	/* A directory mcwatch did not make is never replaced. */
	snprintf(out, sizeof(out), "%s/other", dir);
	assert_int_equal(mkdir(out, 0755), 0);
	snprintf(out, sizeof(out), "%s/other/notes", dir);
	assert_non_null(fp = fopen(out, "w"));
	fclose(fp);
	snprintf(out, sizeof(out), "%s/other", dir);
	assert_null(site_open(out, 0, NULL, 1, &err));
	assert_non_null(strstr(err.msg, "refusing"));
	snprintf(out, sizeof(out), "rm -rf '%s'", dir);
	assert_int_equal(system(out), 0);
}

/* A two-snapshot repository published: its JSON as jansson reads it. */
static void
test_site_json(void **state)
{
	static const char *const pages[] = {
	    "<h2>Germany</h2><h3>Nets</h3><table><tr><th>Network</th>"
	    "<th>Netmask</th></tr><tr><td>192.0.2.0/24</td>"
	    "<td>255.255.255.0</td></tr></table>",
	    "<h2>Germany</h2><h3>Nets</h3><table><tr><th>Network</th>"
	    "<th>Netmask</th></tr><tr><td>192.0.2.0/24</td>"
	    "<td>255.255.255.0</td></tr><tr><td>198.51.100.0/24</td>"
	    "<td>255.255.255.0</td></tr></table>" };
	char dir[] = "/tmp/mcwatch-pub-XXXXXX", path[300];
	struct err err;
	char id0[41] = "";
	struct snapshot *head = NULL, *made;
	struct snapshot_new sn;
	struct publish_opts o;
	struct publish_result res;
	struct recordset *rs;
	struct store *st;
	json_t *v, *c;
	char *data;
	size_t len, i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/repo", dir);
	assert_int_equal(store_init(&err), 0);
	assert_non_null(st = store_open(path, 1, &err));
	store_fsync(0);
	for (i = 0; i < 2; i++) {
		assert_int_equal(parse_page(pages[i], strlen(pages[i]), NULL, &rs,
		    &err), 0);
		assert_int_equal(snapshot_dataset(rs, &data, &len), 0);
		memset(&sn, 0, sizeof(sn));
		sn.dataset = data;
		sn.datalen = len;
		sn.rs = rs;
		sn.page = pages[i];
		sn.pagelen = strlen(pages[i]);
		sn.source = "{\"url\":\"https://help.example/p\"}";
		sn.sourcelen = strlen(sn.source);
		sn.message = "m";
		sn.author = "t <t@example.com>";
		sn.when = 1767225600 + (time_t)i * 86400;
		assert_int_equal(snapshot_commit(st, head, &sn, &made, &err), 0);
		if (i == 0)
			snprintf(id0, sizeof(id0), "%s", snapshot_id(made));
		snapshot_free(head);
		head = made;
		free(data);
		recordset_free(rs);
	}
	memset(&o, 0, sizeof(o));
	snprintf(path, sizeof(path), "%s/site", dir);
	o.out = path;
	assert_int_equal(publish_site(st, &o, &res, &err), 0);
	assert_int_equal(res.snapshots, 2);
	snprintf(path, sizeof(path), "%s/site/version.json", dir);
	assert_non_null(v = json_load_file(path, 0, NULL));
	assert_string_equal(json_string_value(json_object_get(v, "latest")),
	    snapshot_id(head));
	assert_string_equal(json_string_value(json_object_get(v, "date")),
	    "2026-01-02T00:00:00Z");
	assert_true(json_is_null(json_object_get(v, "last_check")));
	json_decref(v);
	snprintf(path, sizeof(path), "%s/site/changes.json", dir);
	assert_non_null(c = json_load_file(path, 0, NULL));
	assert_int_equal(json_array_size(c), 2);
	assert_int_equal(json_array_size(json_object_get(json_array_get(c, 0),
	    "added")), 1);
	json_decref(c);
	/* The second snapshot's own change: the record it added. */
	snprintf(path, sizeof(path), "%s/site/changes/%s.json", dir,
	    snapshot_id(head));
	assert_non_null(c = json_load_file(path, 0, NULL));
	assert_string_equal(json_string_value(json_object_get(c, "from")),
	    id0);
	assert_string_equal(json_string_value(json_object_get(c, "source")),
	    "https://help.example/p");
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(c, "added"), 0), "cidr")), "198.51.100.0/24");
	json_decref(c);
	snprintf(path, sizeof(path), "%s/site/endpoints.json", dir);
	assert_non_null(c = json_load_file(path, 0, NULL));
	assert_int_equal(json_array_size(json_object_get(c, "records")), 2);
	json_decref(c);
	snapshot_free(head);
	store_close(st);
	store_shutdown();
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	assert_int_equal(system(path), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_site),
		cmocka_unit_test(test_site_json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
