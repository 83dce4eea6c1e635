/*
 * The memo's format, one header line and then each part, oldest first:
 *
 *   mcwatch publish memo 2 VERSION\n
 *   ID PARENT BASE TIME NRECORDS FLAGS JSONLEN HTMLLEN TITLELEN CONTENTLEN\n
 *   JSON\n HTML\n TITLE\n CONTENT\n        (the four, each then a line feed)
 *   ...
 *
 * PARENT and BASE are "-" for none; FLAGS adds 1 (broken), 2 (feed entry
 * rendered) and 4 (with content). A new snapshot's part is appended, so
 * that one publish writes its own part only. Read back as strictly as it
 * is written: the parts must chain, parent to child, as the history does;
 * the first that does not read (an append cut short) ends the memo.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memo.h"

#define MEMO_HEAD	"mcwatch publish memo 2 " MCWATCH_VERSION "\n"
#define F_BROKEN	1
#define F_FEED		2
#define F_CONTENT	4
#define NRECS_MAX	100000000ULL

/* Whether n bytes of s hold no control character (a line feed if nl). */
static int
text_ok(const char *s, size_t n, int nl)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] < 0x20 && !(nl && s[i] == '\n')) ||
		    s[i] == 0x7f)
			return 0;
	return 1;
}

/* The token at *p up to sep (taken too) into *tok, *n; -1 if none. */
static int
token(char **p, const char *e, char sep, char **tok, size_t *n)
{
	char *s = *p, *q;

	if (s >= e || (q = memchr(s, sep, (size_t)(e - s))) == NULL || q == s)
		return -1;
	*tok = s;
	*n = (size_t)(q - s);
	*p = q + 1;
	return 0;
}

/* A decimal at *p up to sep, at most max, into *v; -1 if not one. */
static int
num(char **p, const char *e, char sep, unsigned long long max,
    unsigned long long *v)
{
	char *t;
	size_t n, i;

	if (token(p, e, sep, &t, &n) == -1 || n > 20 || (n > 1 && t[0] == '0'))
		return -1;
	for (*v = 0, i = 0; i < n; i++) {
		if (t[i] < '0' || t[i] > '9' ||
		    *v > (max - (unsigned long long)(t[i] - '0')) / 10)
			return -1;
		*v = *v * 10 + (unsigned long long)(t[i] - '0');
	}
	return 0;
}

/* A snapshot id (40 lowercase hex digits, or "-": "") into out. */
static int
id(char **p, const char *e, char *out)
{
	char *t;
	size_t n, i;

	if (token(p, e, ' ', &t, &n) == -1)
		return -1;
	if (n == 1 && t[0] == '-') {
		out[0] = '\0';
		return 0;
	}
	if (n != 40)
		return -1;
	for (i = 0; i < n; i++)
		if (!((t[i] >= '0' && t[i] <= '9') || (t[i] >= 'a' &&
		    t[i] <= 'f')))
			return -1;
	memcpy(out, t, 40);
	out[40] = '\0';
	return 0;
}

/* n bytes at *p and their line feed, made a NUL: the string, or NULL. */
static char *
blob(char **p, const char *e, size_t n)
{
	char *s = *p;

	if ((size_t)(e - s) <= n || s[n] != '\n')
		return NULL;
	s[n] = '\0';
	*p = s + n + 1;
	return s;
}

/* Part f's four strings at *p, as its lengths and flags say; 0, or -1. */
static int
blobs(char **p, const char *e, struct pub_frag *f, unsigned long long flags)
{
	if ((f->json = blob(p, e, f->jsonlen)) == NULL ||
	    (f->html = blob(p, e, f->htmllen)) == NULL ||
	    (f->title = blob(p, e, f->titlelen)) == NULL ||
	    (f->content = blob(p, e, f->contentlen)) == NULL)
		return -1;
	if (!(flags & F_CONTENT))
		f->content = NULL;
	return f->jsonlen >= 3 && f->json[0] == '{' &&
	    memcmp(f->json + f->jsonlen - 2, "}\n", 2) == 0 &&
	    text_ok(f->json, f->jsonlen, 1) && f->htmllen > 19 &&
	    strncmp(f->html, "<section ", 9) == 0 &&
	    strcmp(f->html + f->htmllen - 10, "</section>") == 0 &&
	    text_ok(f->html, f->htmllen, 1) &&
	    text_ok(f->title, f->titlelen, 0) &&
	    (f->content == NULL || text_ok(f->content, f->contentlen, 0)) ?
	    0 : -1;
}

/*
 * One part's line and strings at *p into f, after prev (NULL for the
 * first): it must be prev's child, its base prev's or its own. 0, or -1.
 */
static int
part(char **p, const char *e, struct pub_frag *f, const struct pub_frag *prev)
{
	unsigned long long t, nrec, flags, jl, hl, tl, cl;

	if (id(p, e, f->id) == -1 || f->id[0] == '\0' ||
	    id(p, e, f->parent) == -1 || id(p, e, f->base) == -1 ||
	    num(p, e, ' ', (unsigned long long)1 << 62, &t) == -1 ||
	    num(p, e, ' ', NRECS_MAX, &nrec) == -1 ||
	    num(p, e, ' ', 7, &flags) == -1 ||
	    num(p, e, ' ', (size_t)(e - *p), &jl) == -1 ||
	    num(p, e, ' ', (size_t)(e - *p), &hl) == -1 ||
	    num(p, e, ' ', (size_t)(e - *p), &tl) == -1 ||
	    num(p, e, '\n', (size_t)(e - *p), &cl) == -1)
		return -1;
	f->time = (time_t)t;
	f->nrecords = (size_t)nrec;
	f->broken = (flags & F_BROKEN) != 0;
	f->feed = (flags & F_FEED) != 0;
	f->jsonlen = jl;
	f->htmllen = hl;
	f->titlelen = tl;
	f->contentlen = cl;
	if (strcmp(f->parent, prev ? prev->id : "") != 0 ||
	    strcmp(f->base, f->broken ? (prev ? prev->base : "") : f->id) != 0 ||
	    (!f->feed && (tl != 0 || cl != 0 || (flags & F_CONTENT))) ||
	    (f->feed && tl == 0) || (!(flags & F_CONTENT) && cl != 0) ||
	    ((flags & F_CONTENT) && cl == 0))
		return -1;
	return blobs(p, e, f, flags);
}

int
pub_memo_parse(char *buf, size_t len, struct pub_frags *fs)
{
	struct pub_frag *f;
	char *p = buf, *e = buf + len;

	memset(fs, 0, sizeof(*fs));
	fs->buf = buf;
	fs->buflen = len;
	if (len < sizeof(MEMO_HEAD) - 1 || memcmp(buf, MEMO_HEAD,
	    sizeof(MEMO_HEAD) - 1) != 0) {
		pub_frags_clear(fs);
		return -1;
	}
	p += sizeof(MEMO_HEAD) - 1;
	fs->used = (size_t)(p - buf);
	while (p < e) {
		if ((f = pub_frags_add(fs)) == NULL) {
			pub_frags_clear(fs);
			return -1;
		}
		f->owned = 0;
		if (part(&p, e, f, fs->n > 1 ? &fs->v[fs->n - 2] : NULL) ==
		    -1) {
			fs->n--;
			break;
		}
		fs->used = (size_t)(p - buf);
	}
	return 0;
}

char *
pub_memo_text(const struct pub_frags *fs, size_t from, size_t *len)
{
	const struct pub_frag *f;
	char *buf = NULL;
	FILE *fp;
	size_t i;
	int ok = 1;

	if ((fp = open_memstream(&buf, len)) == NULL)
		return NULL;
	if (from == 0)
		fputs(MEMO_HEAD, fp);
	for (i = from; i < fs->n && ok; i++) {
		f = &fs->v[i];
		ok = text_ok(f->json, f->jsonlen, 1) &&
		    text_ok(f->html, f->htmllen, 1) &&
		    (!f->feed || text_ok(f->title, f->titlelen, 0)) &&
		    (f->content == NULL || text_ok(f->content, f->contentlen,
		    0));
		fprintf(fp, "%s %s %s %lld %zu %d %zu %zu %zu %zu\n", f->id,
		    f->parent[0] ? f->parent : "-", f->base[0] ? f->base : "-",
		    (long long)f->time, f->nrecords, (f->broken ? F_BROKEN :
		    0) | (f->feed ? F_FEED : 0) | (f->content ? F_CONTENT : 0),
		    f->jsonlen, f->htmllen, f->feed ? f->titlelen : 0,
		    f->content ? f->contentlen : 0);
		fwrite(f->json, 1, f->jsonlen, fp);
		putc('\n', fp);
		fwrite(f->html, 1, f->htmllen, fp);
		putc('\n', fp);
		if (f->feed)
			fwrite(f->title, 1, f->titlelen, fp);
		putc('\n', fp);
		if (f->content != NULL)
			fwrite(f->content, 1, f->contentlen, fp);
		putc('\n', fp);
	}
	if (fclose(fp) == EOF || !ok) {
		free(buf);
		return NULL;
	}
	return buf;
}

int
pub_memo_load(struct store *st, struct pub_frags *fs, struct err *err)
{
	char *buf;
	size_t len;
	int rc;

	memset(fs, 0, sizeof(*fs));
	if ((rc = store_get(st, PUB_MEMO, &buf, &len, err)) == -1)
		return err->kind == ERR_NOMEM ? -1 : 0;
	if (rc == 1)
		return 0;
	/* One that does not read is as good as none. */
	(void)pub_memo_parse(buf, len, fs);
	return 0;
}

int
pub_memo_save(struct store *st, const struct pub_frags *fs, size_t from,
    struct err *err)
{
	char *buf;
	size_t len;
	int rc = 1;

	/* Appended where the memo read is whole on disk, else written whole. */
	if (from > 0 && fs->used != fs->buflen)
		from = 0;
	if ((buf = pub_memo_text(fs, from, &len)) == NULL) {
		err_set(err, ERR_NOMEM, "publish: memo: out of memory, or a "
		    "part it cannot hold");
		return -1;
	}
	if (from > 0)
		rc = store_append(st, PUB_MEMO, (off_t)fs->used, buf, len, err);
	if (rc == 1) {
		free(buf);
		if ((buf = pub_memo_text(fs, 0, &len)) == NULL) {
			err_set(err, ERR_NOMEM, "publish: memo: out of memory");
			return -1;
		}
		rc = store_put(st, PUB_MEMO, buf, len, 0600, err);
	}
	free(buf);
	return rc;
}
