# mcwatch: see README.md. GNU make.
VERSION	= 0.5.0
# The project's home page, named in the User-Agent; set it where you publish.
PROJECT_URL ?= https://github.com/mcwatch/mcwatch
BUILD	?= build
PREFIX	?= /usr/local
CC	?= cc
CFLAGS	?= -O2 -g
# Linked, as every command needs them; opened at their first use
# (util/lazylib.h), as only the commands that touch a repository, fetch,
# mail, post, hash or ask DNS need them, and they are most of a start.
PKGS_LINKED = libxml-2.0 jansson
PKGS_LAZY = libgit2 libcurl libcares libcrypto
PKGS	= $(PKGS_LINKED) $(PKGS_LAZY)
WARN	= -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	  -Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral
DEPS_CFLAGS := $(shell pkg-config --cflags $(PKGS))
DEPS_LIBS   := $(shell pkg-config --libs $(PKGS))
LINKED_LIBS := $(shell pkg-config --libs $(PKGS_LINKED))
# The names the lazily opened libraries are dlopen'ed by.
SONAMES	:= -DGITLIB_SONAME='"$(shell CC=$(CC) sh scripts/soname libgit2)"' \
	   -DCURLLIB_SONAME='"$(shell CC=$(CC) sh scripts/soname libcurl)"' \
	   -DARESLIB_SONAME='"$(shell CC=$(CC) sh scripts/soname libcares)"' \
	   -DCRYPTOLIB_SONAME='"$(shell CC=$(CC) sh scripts/soname libcrypto)"'
CMOCKA_CFLAGS := $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   := $(shell pkg-config --libs cmocka 2>/dev/null)
ALL_CPPFLAGS = -D_GNU_SOURCE -DMCWATCH_VERSION='"$(VERSION)"' \
	  -DMCWATCH_PROJECT_URL='"$(PROJECT_URL)"' $(SONAMES) \
	  $(DEPS_CFLAGS) $(CPPFLAGS)

# The library's folders from the ground floor up: each includes only the
# ones before it (tests/e2e/layout.sh checks), and cli/ stands on them all.
LIBDIRS	= utf8 errors faults util addr records addrset output transport dns spf \
	  parser scraper snapshots diff notify export publish pipeline
LIBSRCS	= $(foreach d,$(LIBDIRS),$(wildcard $(d)/*.c))
CLISRCS	= $(wildcard cli/*.c)
LIBOBJS	= $(LIBSRCS:%.c=$(BUILD)/obj/%.o)
CLIOBJS	= $(CLISRCS:%.c=$(BUILD)/obj/%.o)
UNITS	= $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))
# make bench's floors: separate minimal programs, each linked with only
# what it needs (libxml2, libgit2, mcwatch's libraries or nothing), never
# mcwatch re-run in a mode.
FLOORS	= $(BUILD)/tests/floor_dom $(BUILD)/tests/floor_sax \
	  $(BUILD)/tests/floor_saxmem \
	  $(BUILD)/tests/floor_empty $(BUILD)/tests/floor_linked \
	  $(BUILD)/tests/floor_gitinit $(BUILD)/tests/floor_gitwalk
TOOLS	= $(BUILD)/tests/bench $(FLOORS)
# mcwatch with every allocation of its own through tests/oom/failalloc.c.
OOM	= $(BUILD)/tests/mcwatch-oom
WRAP	= -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc \
	  -Wl,--wrap=reallocarray,--wrap=strdup,--wrap=strndup
SERVERS	= $(BUILD)/tests/httpd
# libFuzzer targets in tests/fuzz; make check replays their corpora.
FUZZERS	= parse dataset source config addr http spf memo
REPLAYS	= $(FUZZERS:%=$(BUILD)/tests/replay_%)
FUZZ_SECONDS ?= 60
FUZZ_FLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
	     -fno-omit-frame-pointer

SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	    -fno-sanitize-recover=all

.PHONY: deb-check all check sanitize bench demo install uninstall clean fuzz analyze \
	torture
.DELETE_ON_ERROR:

all: $(BUILD)/mcwatch

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(CFLAGS) $(WARN) -MMD -MP -c -o $@ $<

$(BUILD)/libmcwatch.a: $(LIBOBJS)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/mcwatch: $(CLIOBJS) $(BUILD)/libmcwatch.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLIOBJS) $(BUILD)/libmcwatch.a \
	    $(LINKED_LIBS)

# Never installed or run: one function of each library mcwatch opens at
# its first use, so that dpkg-shlibdeps (debian/rules) names their packages.
$(BUILD)/libs-probe: debian/libs-probe.c
	@mkdir -p $(@D)
	$(CC) -D_GNU_SOURCE $(DEPS_CFLAGS) $(CFLAGS) $(WARN) $(LDFLAGS) -o $@ $< \
	    $(DEPS_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libmcwatch.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(CMOCKA_CFLAGS) $(CFLAGS) $(WARN) $(LDFLAGS) \
	    -MMD -MP -o $@ $< $(BUILD)/libmcwatch.a $(CMOCKA_LIBS) $(DEPS_LIBS)

# Servers the end-to-end tests start on 127.0.0.1.
$(BUILD)/tests/httpd: tests/servers/httpd.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) $(LDFLAGS) -D_GNU_SOURCE -o $@ $<

# The test build: failing allocations, and fault points that kill.
$(OOM): tests/oom/failalloc.c tests/oom/faultpoint.c $(CLIOBJS) \
    $(BUILD)/libmcwatch.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) $(LDFLAGS) $(WRAP) -o $@ tests/oom/failalloc.c \
	    tests/oom/faultpoint.c $(CLIOBJS) $(BUILD)/libmcwatch.a \
	    $(LINKED_LIBS)

$(BUILD)/tests/floor_dom $(BUILD)/tests/floor_sax: $(BUILD)/tests/floor_%: \
    tests/bench/floor_%.c
	@mkdir -p $(@D)
	$(CC) $(shell pkg-config --cflags libxml-2.0) $(CFLAGS) $(WARN) \
	    $(LDFLAGS) -o $@ $< $(shell pkg-config --libs libxml-2.0)

# floor_sax with the memory parser, which mcwatch uses.
$(BUILD)/tests/floor_saxmem: tests/bench/floor_sax.c
	@mkdir -p $(@D)
	$(CC) -DFLOOR_MEMORY $(shell pkg-config --cflags libxml-2.0) $(CFLAGS) \
	    $(WARN) $(LDFLAGS) -o $@ $< $(shell pkg-config --libs libxml-2.0)

$(BUILD)/tests/floor_empty: tests/bench/floor_empty.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) $(LDFLAGS) -o $@ $<

# Every library of mcwatch loaded, though main uses none of them.
$(BUILD)/tests/floor_linked: tests/bench/floor_linked.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) $(LDFLAGS) -o $@ $< -Wl,--no-as-needed \
	    $(DEPS_LIBS)

# libgit2 alone, started (mbedTLS reads the CA bundle).
$(BUILD)/tests/floor_gitinit: tests/bench/floor_gitinit.c
	@mkdir -p $(@D)
	$(CC) $(shell pkg-config --cflags libgit2) $(CFLAGS) $(WARN) \
	    $(LDFLAGS) -o $@ $< $(shell pkg-config --libs libgit2)

$(BUILD)/tests/floor_gitwalk: tests/bench/floor_gitwalk.c
	@mkdir -p $(@D)
	$(CC) $(shell pkg-config --cflags libgit2) $(CFLAGS) $(WARN) \
	    $(LDFLAGS) -o $@ $< $(shell pkg-config --libs libgit2)

$(BUILD)/tests/bench: tests/bench/bench.c $(BUILD)/libmcwatch.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(CFLAGS) $(WARN) $(LDFLAGS) -o $@ $< $(BUILD)/libmcwatch.a $(DEPS_LIBS)

# A fuzz target with a plain main that replays files (no libFuzzer).
$(BUILD)/tests/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c \
    $(BUILD)/libmcwatch.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(CFLAGS) $(WARN) $(LDFLAGS) -o $@ $< \
	    tests/fuzz/replay.c $(BUILD)/libmcwatch.a $(DEPS_LIBS)

# Every test: unit tests per module, then end-to-end runs of the binary.
check: $(BUILD)/mcwatch $(UNITS) $(SERVERS) $(REPLAYS) $(OOM)
	@sh tests/run.sh $(BUILD)

sanitize:
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	UBSAN_OPTIONS=print_stacktrace=1 \
	$(MAKE) BUILD=build/san CC=clang CFLAGS="$(SAN_FLAGS)" \
	    LDFLAGS="-fsanitize=address,undefined" check

# libFuzzer (clang): each target for FUZZ_SECONDS from the seed corpus in
# tests/fuzz/corpus; what it finds goes to build/fuzz/crash-*, to be added
# to the corpus so that make check replays it for ever.
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c
	$(MAKE) BUILD=build/fuzz CC=clang CFLAGS="$(FUZZ_FLAGS)" \
	    build/fuzz/libmcwatch.a
	clang $(ALL_CPPFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< \
	    build/fuzz/libmcwatch.a $(DEPS_LIBS)

fuzz: $(FUZZERS:%=build/fuzz/fuzz_%)
	@set -e; for f in $(FUZZERS); do \
	    mkdir -p build/fuzz/work-$$f; \
	    echo "== fuzz_$$f for $(FUZZ_SECONDS) s"; \
	    build/fuzz/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) \
	        -dict=tests/fuzz/html.dict -max_len=65536 -print_final_stats=1 \
	        -artifact_prefix=build/fuzz/crash-$$f- \
	        build/fuzz/work-$$f tests/fuzz/corpus/$$f 2>&1 | \
	        grep -E '^(#[0-9]+ *DONE|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY)' || true; \
	    if ls build/fuzz/crash-$$f-* > /dev/null 2>&1; then \
	        echo "fuzz_$$f: a crash, see build/fuzz/crash-$$f-*"; exit 1; fi; \
	done

bench: $(BUILD)/mcwatch $(TOOLS) $(SERVERS)
	$(BUILD)/tests/bench $(BUILD)/mcwatch

# The main job on the bundled sample, no network: a baseline snapshot, a
# run on the next version of the page that prints the change report, log.
demo: $(BUILD)/mcwatch
	@d=$$(mktemp -d) && trap 'rm -rf "$$d"' EXIT && \
	echo "== mcwatch run: baseline snapshot of samples/mimecast-data-centers.html" && \
	$(BUILD)/mcwatch run -q --repo "$$d/data" \
	    --url samples/mimecast-data-centers.html > /dev/null && \
	$(BUILD)/mcwatch log --repo "$$d/data" && \
	echo "== mcwatch run: the page changed (samples/mimecast-data-centers-next.html)" && \
	$(BUILD)/mcwatch run -q --repo "$$d/data" \
	    --url samples/mimecast-data-centers-next.html && \
	echo "== mcwatch log" && $(BUILD)/mcwatch log --repo "$$d/data" && \
	echo "== the IPv4 gateway networks of the United States of America" && \
	head -5 "$$d/data/cidr/us/gateway-v4.txt" && echo ...

# Where systemd looks for units under this prefix, and the examples.
UNITDIR	?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
DOCDIR	?= $(PREFIX)/share/doc/mcwatch

install: $(BUILD)/mcwatch
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/man/man5 $(DESTDIR)$(UNITDIR) \
	    $(DESTDIR)$(DOCDIR)
	install -m 755 $(BUILD)/mcwatch $(DESTDIR)$(PREFIX)/bin/
	install -m 644 doc/mcwatch.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 doc/mcwatch-records.5 $(DESTDIR)$(PREFIX)/share/man/man5/
	sed 's|@BINDIR@|$(PREFIX)/bin|' contrib/systemd/mcwatch.service \
	    > $(DESTDIR)$(UNITDIR)/mcwatch.service
	chmod 644 $(DESTDIR)$(UNITDIR)/mcwatch.service
	install -m 644 contrib/systemd/mcwatch.timer $(DESTDIR)$(UNITDIR)/
	install -d $(DESTDIR)$(SYSUSERSDIR)
	install -m 644 contrib/systemd/mcwatch.sysusers \
	    $(DESTDIR)$(SYSUSERSDIR)/mcwatch.conf
	install -m 644 contrib/config.example $(DESTDIR)$(DOCDIR)/
	sed 's|@BINDIR@|$(PREFIX)/bin|' contrib/crontab > $(DESTDIR)$(DOCDIR)/crontab
	chmod 644 $(DESTDIR)$(DOCDIR)/crontab

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/mcwatch \
	    $(DESTDIR)$(PREFIX)/share/man/man1/mcwatch.1 \
	    $(DESTDIR)$(PREFIX)/share/man/man5/mcwatch-records.5 \
	    $(DESTDIR)$(UNITDIR)/mcwatch.service \
	    $(DESTDIR)$(UNITDIR)/mcwatch.timer \
	    $(DESTDIR)$(SYSUSERSDIR)/mcwatch.conf \
	    $(DESTDIR)$(DOCDIR)/config.example $(DESTDIR)$(DOCDIR)/crontab
	@# The directories install made, when they are left empty; never
	@# /etc/mcwatch, the data, or an enabled timer's links (see README).
	-for d in $(DOCDIR) $(SYSUSERSDIR) $(PREFIX)/share/man/man5 $(PREFIX)/share/man/man1 \
	    $(PREFIX)/share/man $(PREFIX)/share/doc $(UNITDIR) \
	    $(PREFIX)/lib/systemd $(PREFIX)/bin $(PREFIX)/share $(PREFIX)/lib \
	    $(PREFIX); do \
		rmdir "$(DESTDIR)$$d" 2> /dev/null; done; true

# Kills, concurrent runs and a full disk, many times (tests/torture.sh):
# ROUNDS kill rounds, a full disk every DISK_STEP KiB up to DISK_MAX.
ROUNDS ?= 500
DISK_MAX ?= 64
DISK_STEP ?= 1
OOM_POINTS ?= 0
torture: $(BUILD)/mcwatch $(OOM)
	ROUNDS=$(ROUNDS) DISK_MAX=$(DISK_MAX) DISK_STEP=$(DISK_STEP) \
	    OOM_POINTS=$(OOM_POINTS) \
	    TOP=$(CURDIR) MCWATCH=$(CURDIR)/$(BUILD)/mcwatch sh tests/torture.sh

# Static analysis: clang's analyzer over a build of its own, then cppcheck
# (warnings, portability, performance); any finding fails it.
CPPCHECK_FLAGS = --std=c11 -q --enable=warning,portability,performance \
	--inline-suppr --error-exitcode=1 -D_GNU_SOURCE \
	-DMCWATCH_VERSION='"$(VERSION)"' -DMCWATCH_PROJECT_URL='"x"' $(SONAMES) \
	--include=/usr/include/jansson.h
# The Debian package built, linted, installed, run and purged (as root:
# it installs into this machine; tests/deb.sh).
deb-check:
	sh tests/deb.sh

analyze:
	rm -rf build/analyze
	scan-build -o build/analyze/report --status-bugs \
	    $(MAKE) BUILD=build/analyze CC=clang build/analyze/mcwatch
	cppcheck $(CPPCHECK_FLAGS) $(LIBDIRS) cli

clean:
	rm -rf build

-include $(wildcard $(BUILD)/obj/*/*.d $(BUILD)/tests/*.d)
