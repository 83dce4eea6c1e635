/*
 * A fault-injection HTTP/1.1 server for the tests, on 127.0.0.1 only.
 *
 *   httpd ROOT PORTFILE LOGFILE
 *
 * Binds an ephemeral port, writes it to PORTFILE, and serves one
 * connection at a time until SIGTERM (or 10 minutes, so that a test that
 * dies never leaves it behind). Every request line and its headers are
 * appended to LOGFILE. As an HTTP proxy it serves the path of the
 * absolute URL asked for. Endpoints:
 *
 *   /page            ROOT/page.html, ETag "v1" and Last-Modified; 304
 *                    when If-None-Match or If-Modified-Since matches
 *   /status/N        status N with a small HTML body
 *   /flaky/N/CODE/P  the first N requests: CODE with Retry-After: 1; then
 *                    ROOT/P as /page serves it
 *   /drip            Content-Length 100000, then one byte every 0.5 s
 *   /endless         no Content-Length, body without end
 *   /loop            302 to itself
 *   /tofile          302 to file:///etc/passwd
 *   /redirect/P      302 to /P
 *   /truncated       Content-Length 100000, 1000 bytes, then close
 *   /chunked-broken  chunked encoding with a bad chunk size
 *   /reset           the connection reset (RST) before any answer
 *   /json            200 application/json
 *   /gzip            ROOT/page.html.gz with Content-Encoding: gzip
 *   /file/P          ROOT/P; "?type=T" sets the Content-Type
 *   /plain/P         ROOT/P without validators: always 200
 */
#include <sys/socket.h>
#include <sys/stat.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define REQ_MAX		16384
#define LIFETIME	600	/* seconds before it stops by itself */
#define FLAKY_MAX	32

static const char *root;
static int port;		/* ours, for redirects to another host name */
static FILE *logfp;
static struct {
	char	path[256];
	int	count;
} flaky[FLAKY_MAX];
static int nflaky;

static void
on_alarm(int sig)
{
	(void)sig;
	_exit(0);
}

/* Write all of buf; -1 if the client went away. */
static int
put(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len > 0) {
		if ((n = write(fd, p, len)) <= 0) {
			if (n == -1 && errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int
putf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
putf(int fd, const char *fmt, ...)
{
	char buf[4096];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return put(fd, buf, (size_t)n);
}

/* A file of ROOT into memory; NULL if missing. */
static char *
slurp(const char *name, size_t *len)
{
	char path[1024];
	struct stat st;
	FILE *fp;
	char *b;

	snprintf(path, sizeof(path), "%s/%s", root, name);
	if (strstr(name, "..") != NULL || (fp = fopen(path, "rb")) == NULL)
		return NULL;
	if (fstat(fileno(fp), &st) == -1 || (b = malloc((size_t)st.st_size +
	    1)) == NULL || fread(b, 1, (size_t)st.st_size, fp) !=
	    (size_t)st.st_size) {
		fclose(fp);
		return NULL;
	}
	fclose(fp);
	*len = (size_t)st.st_size;
	return b;
}

/* A header's value in the request, or NULL. */
static const char *
header(const char *req, const char *name, char *buf, size_t len)
{
	const char *p = req;
	size_t n = strlen(name);

	while ((p = strchr(p, '\n')) != NULL) {
		p++;
		if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
			p += n + 1;
			while (*p == ' ')
				p++;
			snprintf(buf, len, "%.*s", (int)strcspn(p, "\r\n"), p);
			return buf;
		}
	}
	return NULL;
}

static void
send_status(int fd, int code, const char *reason, const char *extra)
{
	char body[256];

	snprintf(body, sizeof(body), "<html><body><h1>%d %s</h1></body>"
	    "</html>\n", code, reason);
	putf(fd, "HTTP/1.1 %d %s\r\nContent-Type: text/html\r\n"
	    "Content-Length: %zu\r\n%sConnection: close\r\n\r\n%s", code,
	    reason, strlen(body), extra ? extra : "", body);
}

static const char *
reason_of(int code)
{
	switch (code) {
	case 200: return "OK";
	case 304: return "Not Modified";
	case 404: return "Not Found";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Status";
	}
}

#define LASTMOD	"Wed, 21 Oct 2026 07:28:00 GMT"

/* A page with validators; 304 when the client's still hold. */
static void
send_page(int fd, const char *req, const char *name, const char *ctype)
{
	char buf[256];
	const char *inm, *ims;
	size_t len;
	char *body;

	inm = header(req, "If-None-Match", buf, sizeof(buf));
	if (inm != NULL && strcmp(inm, "\"v1\"") == 0) {
		putf(fd, "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\n"
		    "Connection: close\r\n\r\n");
		return;
	}
	ims = header(req, "If-Modified-Since", buf, sizeof(buf));
	if (inm == NULL && ims != NULL && strcmp(ims, LASTMOD) == 0) {
		putf(fd, "HTTP/1.1 304 Not Modified\r\nConnection: close\r\n"
		    "\r\n");
		return;
	}
	if ((body = slurp(name, &len)) == NULL) {
		send_status(fd, 404, "Not Found", NULL);
		return;
	}
	putf(fd, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\nETag: \"v1\"\r\n"
	    "Last-Modified: " LASTMOD "\r\nContent-Length: %zu\r\n"
	    "Connection: close\r\n\r\n", ctype, len);
	put(fd, body, len);
	free(body);
}

/*
 * A Zendesk Help Center API answer: the file "api" + the path with / ? = &
 * and % as '_'. A file of that name and ".429" beside it makes the first
 * request a 429 with Retry-After (the file is then removed).
 */
static void
send_api(int fd, const char *req, const char *path)
{
	char name[300], marker[320], full[1400];
	size_t i, n;

	n = (size_t)snprintf(name, sizeof(name), "api%.280s", path);
	for (i = 0; i < n && i < sizeof(name) - 1; i++)
		if (strchr("/?=&%", name[i]) != NULL)
			name[i] = '_';
	snprintf(marker, sizeof(marker), "%s.429", name);
	snprintf(full, sizeof(full), "%s/%s", root, marker);
	if (access(full, F_OK) == 0) {
		unlink(full);
		send_status(fd, 429, "Too Many Requests", "Retry-After: 1\r\n");
		return;
	}
	send_page(fd, req, name, "application/json; charset=utf-8");
}

/* How many times path was asked for before. */
static int
flaky_count(const char *path)
{
	int i;

	for (i = 0; i < nflaky; i++)
		if (strcmp(flaky[i].path, path) == 0)
			return flaky[i].count++;
	if (nflaky < FLAKY_MAX) {
		snprintf(flaky[nflaky].path, sizeof(flaky[0].path), "%.200s", path);
		flaky[nflaky++].count = 1;
	}
	return 0;
}

static void
serve(int fd, const char *req, const char *path)
{
	struct timespec half = { 0, 500 * 1000 * 1000 };
	char buf[4096], name[256], type[128];
	const char *q;
	size_t len;
	char *body;
	int n, code, i;
	time_t end;

	if (strcmp(path, "/page") == 0)
		send_page(fd, req, "page.html", "text/html; charset=utf-8");
	else if (sscanf(path, "/status/%d", &code) == 1)
		send_status(fd, code, reason_of(code), NULL);
	else if (sscanf(path, "/flaky/%d/%d/%255s", &n, &code, name) == 3) {
		if (flaky_count(path) < n)
			send_status(fd, code, reason_of(code),
			    "Retry-After: 1\r\n");
		else
			send_page(fd, req, name, "text/html");
	} else if (strcmp(path, "/drip") == 0) {
		putf(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
		    "Content-Length: 100000\r\n\r\n");
		for (end = time(NULL) + 30; time(NULL) < end;) {
			if (put(fd, "<", 1) == -1)
				break;
			nanosleep(&half, NULL);
		}
	} else if (strcmp(path, "/endless") == 0) {
		putf(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
		    "Connection: close\r\n\r\n<html><body>");
		memset(buf, 'x', sizeof(buf));
		for (i = 0; i < 100000; i++)	/* 400 MB at the most */
			if (put(fd, buf, sizeof(buf)) == -1)
				break;
	} else if (strcmp(path, "/loop") == 0)
		putf(fd, "HTTP/1.1 302 Found\r\nLocation: /loop\r\n"
		    "Content-Length: 0\r\n\r\n");
	else if (strcmp(path, "/tofile") == 0)
		putf(fd, "HTTP/1.1 302 Found\r\nLocation: file:///etc/passwd\r\n"
		    "Content-Length: 0\r\n\r\n");
	else if (sscanf(path, "/tohost/%127[^/]/%255s", type, name) == 2)
		/* The same server under another name: another origin. */
		putf(fd, "HTTP/1.1 302 Found\r\nLocation: http://%s:%d/%s\r\n"
		    "Content-Length: 0\r\n\r\n", type, port, name);
	else if (strncmp(path, "/api/v2/help_center/", 20) == 0)
		send_api(fd, req, path);
	else if (strncmp(path, "/redirect/", 10) == 0)
		putf(fd, "HTTP/1.1 302 Found\r\nLocation: /%s\r\n"
		    "Content-Length: 0\r\n\r\n", path + 10);
	else if (strcmp(path, "/truncated") == 0) {
		putf(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
		    "Content-Length: 100000\r\n\r\n");
		memset(buf, 'x', 1000);
		put(fd, buf, 1000);
	} else if (strcmp(path, "/chunked-broken") == 0)
		putf(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
		    "Transfer-Encoding: chunked\r\n\r\n10\r\n<html><body>"
		    "<p>x\r\nZZ\r\nbroken\r\n");
	else if (strcmp(path, "/reset") == 0) {
		struct linger lg = { 1, 0 };

		setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	} else if (strcmp(path, "/json") == 0)
		putf(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
		    "Content-Length: 2\r\n\r\n{}");
	else if (strcmp(path, "/gzip") == 0 &&
	    (body = slurp("page.html.gz", &len)) != NULL) {
		putf(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
		    "Content-Encoding: gzip\r\nContent-Length: %zu\r\n\r\n",
		    len);
		put(fd, body, len);
		free(body);
	} else if (sscanf(path, "/plain/%255s", name) == 1 &&
	    (body = slurp(name, &len)) != NULL) {
		putf(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
		    "Content-Length: %zu\r\nConnection: close\r\n\r\n", len);
		put(fd, body, len);
		free(body);
	} else if (sscanf(path, "/file/%255[^?]", name) == 1) {
		snprintf(type, sizeof(type), "text/html");
		if ((q = strstr(path, "?type=")) != NULL)
			snprintf(type, sizeof(type), "%s", q + 6);
		for (i = 0; type[i] != '\0'; i++)
			if (type[i] == '+')
				type[i] = ' ';
		send_page(fd, req, name, type);
	} else
		send_status(fd, 404, "Not Found", NULL);
}

int
main(int argc, char **argv)
{
	struct sockaddr_in sa;
	socklen_t salen = sizeof(sa);
	char req[REQ_MAX + 1], method[16], path[1024];
	FILE *pf;
	size_t got;
	ssize_t n;
	int s, fd, one = 1;

	if (argc != 4) {
		fprintf(stderr, "usage: httpd ROOT PORTFILE LOGFILE\n");
		return 2;
	}
	root = argv[1];
	signal(SIGPIPE, SIG_IGN);
	signal(SIGALRM, on_alarm);
	alarm(LIFETIME);
	if ((logfp = fopen(argv[3], "a")) == NULL)
		return 1;
	setvbuf(logfp, NULL, _IOLBF, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = 0;
	if ((s = socket(AF_INET, SOCK_STREAM, 0)) == -1 ||
	    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) == -1 ||
	    bind(s, (struct sockaddr *)&sa, sizeof(sa)) == -1 ||
	    listen(s, 16) == -1 ||
	    getsockname(s, (struct sockaddr *)&sa, &salen) == -1) {
		perror("httpd");
		return 1;
	}
	/* The port file appears whole: written aside, then renamed. */
	{
		char tmp[1024];

		snprintf(tmp, sizeof(tmp), "%s.tmp", argv[2]);
		if ((pf = fopen(tmp, "w")) == NULL)
			return 1;
		port = ntohs(sa.sin_port);
		fprintf(pf, "%d\n", port);
		fclose(pf);
		rename(tmp, argv[2]);
	}
	for (;;) {
		if ((fd = accept(s, NULL, NULL)) == -1) {
			if (errno == EINTR)
				continue;
			return 1;
		}
		got = 0;
		req[0] = '\0';
		while (got < REQ_MAX && strstr(req, "\r\n\r\n") == NULL) {
			if ((n = read(fd, req + got, REQ_MAX - got)) <= 0)
				break;
			got += (size_t)n;
			req[got] = '\0';
		}
		if (sscanf(req, "%15s %1023s", method, path) == 2) {
			char *p = path;

			fprintf(logfp, "%s", req);
			/* As a proxy: "GET http://host/path" serves /path. */
			if (strncmp(p, "http://", 7) == 0 &&
			    (p = strchr(p + 7, '/')) == NULL)
				p = "/";
			serve(fd, req, p);
		}
		close(fd);
	}
}
