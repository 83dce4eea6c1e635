/*
 * make bench's floor for a process of mcwatch's size: one that starts and
 * exits, linked with every library mcwatch links (the Makefile passes
 * the same pkg-config list, each library loaded whether used or not).
 * Debian builds them with BIND_NOW, so each one's symbols are bound
 * before main: what any single program with these libraries pays at
 * start, before it reads a byte.
 */
int
main(void)
{
	return 0;
}
