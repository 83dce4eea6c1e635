/*
 * The signatures' file: a header line, then each tree as a line
 * "tree DEV INO COUNT" and COUNT lines
 * "INO SIZE MSEC MNSEC CSEC CNSEC SHA256 PATH", sorted by path.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sigs.h"

#define SIGS_HEAD	"mcwatch publish site 1\n"
#define SIGS_TREES	2

static int
path_cmp(const void *a, const void *b)
{
	const struct site_sig *x = a, *y = b;

	return strcmp(x->path, y->path);
}

/* By path, then in the order they were set. */
static int
seq_cmp(const void *a, const void *b)
{
	const struct site_sig *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	return c != 0 ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

const struct site_sig *
sigs_find(const struct site_sigs *t, const char *path)
{
	struct site_sig key = { .path = (char *)path };

	if (t->nsorted == 0)
		return NULL;
	return bsearch(&key, t->v, t->nsorted, sizeof(*t->v), path_cmp);
}

int
sigs_match(const struct site_sig *g, const struct stat *sb)
{
	return g != NULL && S_ISREG(sb->st_mode) && g->ino == sb->st_ino &&
	    g->size == sb->st_size &&
	    g->mtime.tv_sec == sb->st_mtim.tv_sec &&
	    g->mtime.tv_nsec == sb->st_mtim.tv_nsec &&
	    g->ctime.tv_sec == sb->st_ctim.tv_sec &&
	    g->ctime.tv_nsec == sb->st_ctim.tv_nsec;
}

int
sigs_set(struct site_sigs *t, const char *path, const struct stat *sb,
    const char *digest)
{
	struct site_sig *g, *nv;
	size_t nc;

	if (t->n == t->cap) {
		nc = t->cap ? t->cap * 2 : 256;
		if ((nv = reallocarray(t->v, nc, sizeof(*nv))) == NULL)
			return -1;
		t->v = nv;
		t->cap = nc;
	}
	g = &t->v[t->n];
	if ((g->path = strdup(path)) == NULL)
		return -1;
	g->ino = sb->st_ino;
	g->size = sb->st_size;
	g->mtime = sb->st_mtim;
	g->ctime = sb->st_ctim;
	snprintf(g->digest, sizeof(g->digest), "%s", digest);
	g->seq = t->seq++;
	t->n++;
	return 0;
}

void
sigs_sort(struct site_sigs *t)
{
	size_t i, j;

	if (t->n == 0)
		return;
	/* For equal paths, the last set is the one kept. */
	qsort(t->v, t->n, sizeof(*t->v), seq_cmp);
	for (i = j = 0; i < t->n; i++) {
		if (j > 0 && strcmp(t->v[j - 1].path, t->v[i].path) == 0) {
			free(t->v[j - 1].path);
			t->v[j - 1] = t->v[i];
			continue;
		}
		t->v[j++] = t->v[i];
	}
	t->n = t->nsorted = j;
}

void
sigs_clear(struct site_sigs *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].path);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

/* A decimal at *p ending in sep (taken), at most max; -1 if not one. */
static int
num(char **p, char sep, unsigned long long max, unsigned long long *v)
{
	char *s = *p;

	if (*s < '0' || *s > '9' || (s[0] == '0' && s[1] >= '0' &&
	    s[1] <= '9'))
		return -1;
	for (*v = 0; *s >= '0' && *s <= '9'; s++) {
		if (*v > (max - (unsigned long long)(*s - '0')) / 10)
			return -1;
		*v = *v * 10 + (unsigned long long)(*s - '0');
	}
	if (*s != sep)
		return -1;
	*p = s + 1;
	return 0;
}

/* One signature line at *p (NUL-terminated lines) into t; 0, or -1. */
static int
sig_line(char **p, struct site_sigs *t)
{
	unsigned long long ino, size, ms, mns, cs, cns;
	char *digest, *path, *nl;
	struct stat sb;
	size_t i;

	if (num(p, ' ', ~0ULL, &ino) == -1 || num(p, ' ', 1ULL << 62, &size) ==
	    -1 || num(p, ' ', 1ULL << 40, &ms) == -1 ||
	    num(p, ' ', 999999999, &mns) == -1 ||
	    num(p, ' ', 1ULL << 40, &cs) == -1 ||
	    num(p, ' ', 999999999, &cns) == -1)
		return -1;
	digest = *p;
	for (i = 0; i < SHA256_HEXLEN - 1; i++)
		if (!((digest[i] >= '0' && digest[i] <= '9') ||
		    (digest[i] >= 'a' && digest[i] <= 'f')))
			return -1;
	if (digest[i] != ' ')
		return -1;
	digest[i] = '\0';
	path = digest + i + 1;
	if ((nl = strchr(path, '\n')) == NULL || nl == path ||
	    nl - path > 255)
		return -1;
	*nl = '\0';
	*p = nl + 1;
	memset(&sb, 0, sizeof(sb));
	sb.st_mode = S_IFREG;
	sb.st_ino = (ino_t)ino;
	sb.st_size = (off_t)size;
	sb.st_mtim.tv_sec = (time_t)ms;
	sb.st_mtim.tv_nsec = (long)mns;
	sb.st_ctim.tv_sec = (time_t)cs;
	sb.st_ctim.tv_nsec = (long)cns;
	return sigs_set(t, path, &sb, digest) == -1 ? -2 : 0;
}

/* The trees at p into t; 0, -1 if they do not read, -2 on memory. */
static int
trees(char *p, struct site_sigs *t)
{
	unsigned long long dev, ino, n, k;
	size_t i;
	int rc;

	for (i = 0; *p != '\0'; i++) {
		if (i == SIGS_TREES || strncmp(p, "tree ", 5) != 0)
			return -1;
		p += 5;
		if (num(&p, ' ', ~0ULL, &dev) == -1 ||
		    num(&p, ' ', ~0ULL, &ino) == -1 || ino == 0 ||
		    num(&p, '\n', 10000000, &n) == -1)
			return -1;
		t[i].dev = (dev_t)dev;
		t[i].ino = (ino_t)ino;
		for (k = 0; k < n; k++)
			if ((rc = sig_line(&p, &t[i])) != 0)
				return rc;
		sigs_sort(&t[i]);
		if (t[i].n != n)
			return -1;	/* a path twice */
	}
	return 0;
}

int
sigs_load(struct store *st, struct site_sigs *t)
{
	struct err err;
	char *buf = NULL;
	size_t len, i;
	int rc = 0;

	for (i = 0; i < SIGS_TREES; i++)
		memset(&t[i], 0, sizeof(t[i]));
	if (st == NULL || (rc = store_get(st, SIGS_FILE, &buf, &len, &err)) !=
	    0)
		return st != NULL && rc == -1 && err.kind == ERR_NOMEM ? -1 : 0;
	if (strlen(buf) != len || strncmp(buf, SIGS_HEAD,
	    sizeof(SIGS_HEAD) - 1) != 0 ||
	    (rc = trees(buf + sizeof(SIGS_HEAD) - 1, t)) != 0) {
		for (i = 0; i < SIGS_TREES; i++)
			sigs_clear(&t[i]);
	}
	free(buf);
	return rc == -2 ? -1 : 0;
}

int
sigs_save(struct store *st, const struct site_sigs *t, struct err *err)
{
	const struct site_sig *g;
	char *buf = NULL;
	size_t len, i, k;
	FILE *fp;
	int rc;

	if ((fp = open_memstream(&buf, &len)) == NULL)
		return err_nomem(err, "publish");
	fputs(SIGS_HEAD, fp);
	for (i = 0; i < SIGS_TREES; i++) {
		if (t[i].ino == 0)
			continue;
		fprintf(fp, "tree %llu %llu %zu\n", (unsigned long long)t[i].dev,
		    (unsigned long long)t[i].ino, t[i].n);
		for (k = 0; k < t[i].n; k++) {
			g = &t[i].v[k];
			fprintf(fp, "%llu %lld %lld %ld %lld %ld %s %s\n",
			    (unsigned long long)g->ino, (long long)g->size,
			    (long long)g->mtime.tv_sec, g->mtime.tv_nsec,
			    (long long)g->ctime.tv_sec, g->ctime.tv_nsec,
			    g->digest, g->path);
		}
	}
	if (fclose(fp) == EOF) {
		free(buf);
		return err_nomem(err, "publish");
	}
	rc = store_put(st, SIGS_FILE, buf, len, 0600, err);
	free(buf);
	return rc;
}
