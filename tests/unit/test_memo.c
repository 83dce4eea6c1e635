/*
 * publish's memo: what is written reads back the same; a memo cut short
 * (a killed append) gives the parts before the cut; one that is not
 * mcwatch's, or whose parts do not chain, gives nothing of what is wrong.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../publish/memo.h"

#define ID1	"1111111111111111111111111111111111111111"
#define ID2	"2222222222222222222222222222222222222222"
#define ID3	"3333333333333333333333333333333333333333"

/* A part of fs: id after the last, broken or not, with or without feed. */
static void
add(struct pub_frags *fs, const char *id, int broken, int feed)
{
	const struct pub_frag *prev = fs->n ? &fs->v[fs->n - 1] : NULL;
	struct pub_frag *f = pub_frags_add(fs);
	char html[200];

	assert_non_null(f);
	snprintf(f->id, sizeof(f->id), "%s", id);
	snprintf(f->parent, sizeof(f->parent), "%s", prev ? prev->id : "");
	snprintf(f->base, sizeof(f->base), "%s", !broken ? id : prev ?
	    prev->base : "");
	f->time = 1700000000 + (time_t)fs->n;
	f->nrecords = 70;
	f->broken = broken;
	f->json = strdup("{\n  \"to\": \"x\"\n}\n");
	f->jsonlen = strlen(f->json);
	snprintf(html, sizeof(html), "<section id=\"%s\"><h2>x</h2>\n"
	    "</section>", id);
	f->html = strdup(html);
	f->htmllen = strlen(html);
	if (feed) {
		f->feed = 1;
		f->title = strdup("1 added, 0 removed, 0 changed");
		f->titlelen = strlen(f->title);
		f->content = strdup("<div><table><tr><td>+ added</td></tr>"
		    "</table></div>");
		f->contentlen = strlen(f->content);
	}
}

/* The memo text of fs parsed into out; its return. */
static int
reparse(const struct pub_frags *fs, struct pub_frags *out, size_t *len)
{
	char *buf = pub_memo_text(fs, 0, len);

	assert_non_null(buf);
	return pub_memo_parse(buf, *len, out);
}

static void
test_round_trip(void **state)
{
	struct pub_frags fs, got;
	size_t len, i;

	(void)state;
	memset(&fs, 0, sizeof(fs));
	add(&fs, ID1, 0, 0);
	add(&fs, ID2, 1, 1);
	add(&fs, ID3, 0, 1);
	assert_int_equal(reparse(&fs, &got, &len), 0);
	assert_int_equal(got.n, 3);
	assert_int_equal(got.used, len);
	for (i = 0; i < 3; i++) {
		assert_string_equal(got.v[i].id, fs.v[i].id);
		assert_string_equal(got.v[i].parent, fs.v[i].parent);
		assert_string_equal(got.v[i].base, fs.v[i].base);
		assert_int_equal(got.v[i].time, fs.v[i].time);
		assert_int_equal(got.v[i].broken, fs.v[i].broken);
		assert_int_equal(got.v[i].feed, fs.v[i].feed);
		assert_memory_equal(got.v[i].json, fs.v[i].json,
		    fs.v[i].jsonlen);
		assert_string_equal(got.v[i].html, fs.v[i].html);
	}
	/* A broken part's base is the last whole one's. */
	assert_string_equal(got.v[1].base, ID1);
	assert_null(got.v[0].content);
	assert_string_equal(got.v[2].content, fs.v[2].content);
	pub_frags_clear(&got);
	pub_frags_clear(&fs);
}

/* Cut after every byte: the parts before the cut, never a wrong one. */
static void
test_cut(void **state)
{
	struct pub_frags fs, got;
	char *full, *buf;
	size_t len, cut, one;

	(void)state;
	memset(&fs, 0, sizeof(fs));
	add(&fs, ID1, 0, 1);
	free(pub_memo_text(&fs, 0, &one));
	add(&fs, ID2, 0, 1);
	full = pub_memo_text(&fs, 0, &len);
	assert_non_null(full);
	for (cut = 0; cut < len; cut++) {
		buf = malloc(cut + 1);
		memcpy(buf, full, cut);
		if (pub_memo_parse(buf, cut, &got) == 0) {
			assert_int_equal(got.n, cut < one ? 0 : 1);
			assert_true(got.used < cut || got.used == one ||
			    got.n == 0);
			if (got.n == 1)
				assert_string_equal(got.v[0].id, ID1);
			pub_frags_clear(&got);
		}
	}
	free(full);
	pub_frags_clear(&fs);
}

/* Bytes that are not a memo, or parts that do not chain. */
static void
test_refused(void **state)
{
	static const char *const bad[] = {
		"mcwatch publish memo 1 " MCWATCH_VERSION "\n",
		"mcwatch publish memo 2 0.0.1\n",
		"not a memo\n",
		"",
	};
	struct pub_frags fs, got;
	char *buf, *p;
	size_t len, i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		buf = strdup(bad[i]);
		assert_int_equal(pub_memo_parse(buf, strlen(bad[i]), &got),
		    -1);
		assert_int_equal(got.n, 0);
	}
	/* The second part's parent is not the first: it ends the memo. */
	memset(&fs, 0, sizeof(fs));
	add(&fs, ID1, 0, 0);
	add(&fs, ID2, 0, 0);
	memcpy(fs.v[1].parent, ID3, 40);
	assert_int_equal(reparse(&fs, &got, &len), 0);
	assert_int_equal(got.n, 1);
	assert_true(got.used < len);
	pub_frags_clear(&got);
	/* A control character in a part's JSON: refused whole. */
	memcpy(fs.v[1].parent, ID1, 40);
	buf = pub_memo_text(&fs, 0, &len);
	assert_non_null(buf);
	p = strstr(strstr(buf, ID2 " " ID1), "\"to\"");
	assert_non_null(p);
	p[1] = '\x1b';
	assert_int_equal(pub_memo_parse(buf, len, &got), 0);
	assert_int_equal(got.n, 1);
	pub_frags_clear(&got);
	/* A length past the end, a count with a leading zero. */
	buf = pub_memo_text(&fs, 0, &len);
	p = strstr(buf, ID2 " " ID1);
	assert_non_null(p);
	p = strchr(p, '\n');
	p[-1] = '9';
	assert_int_equal(pub_memo_parse(buf, len, &got), 0);
	assert_int_equal(got.n, 1);
	pub_frags_clear(&got);
	/* Text a part cannot keep is never written. */
	fs.v[0].html[3] = '\x07';
	assert_null(pub_memo_text(&fs, 0, &len));
	pub_frags_clear(&fs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
