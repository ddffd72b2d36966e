// SPDX-License-Identifier: GPL-2.0
/*
 * uevent_listen - run a command and print the kernel uevents it causes
 *
 * Usage: uevent_listen TIMEOUT_MS COMMAND [ARG...]
 *
 * Listens on the kernel uevent netlink socket, runs COMMAND, and prints
 * every uevent received until TIMEOUT_MS passes with none, one per line,
 * with its NUL-separated fields joined by spaces.
 */
#include <errno.h>
#include <linux/netlink.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_nl addr = {
		.nl_family = AF_NETLINK,
		.nl_groups = 1,
	};
	char buf[8192];
	int fd, timeout, status;
	pid_t pid;

	if (argc < 3) {
		fprintf(stderr, "usage: %s TIMEOUT_MS COMMAND [ARG...]\n", argv[0]);
		return 2;
	}
	timeout = atoi(argv[1]);

	fd = socket(AF_NETLINK, SOCK_DGRAM, NETLINK_KOBJECT_UEVENT);
	if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		perror("uevent socket");
		return 2;
	}

	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 2;
	}
	if (!pid) {
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "%s failed\n", argv[2]);
		return 2;
	}

	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		ssize_t len, i;

		if (poll(&pfd, 1, timeout) <= 0)
			break;
		len = recv(fd, buf, sizeof(buf) - 1, 0);
		if (len <= 0)
			break;
		for (i = 0; i < len; i++)
			if (!buf[i])
				buf[i] = ' ';
		buf[len] = '\0';
		printf("%s\n", buf);
	}
	close(fd);
	return 0;
}
