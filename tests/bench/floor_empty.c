/*
 * make bench's floor for a whole process: one that starts and exits, what
 * every command pays before it reads a byte.
 */
int
main(void)
{
	return 0;
}
