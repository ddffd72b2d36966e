// SPDX-License-Identifier: GPL-2.0
/*
 * power_key - wait for a press of KEY_POWER on any input device, as the
 * service that shuts a guest down on its power button does
 *
 * Usage: power_key SECONDS [READY]
 *
 * Once the input devices are open, writes the line READY, if given, to
 * stderr: a key pressed after that line is seen. Prints the name of the
 * input device the key came from and exits 0, or prints "timeout" and
 * exits 1.
 */
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/input.h>

#define MAX_DEV 32

int main(int argc, char **argv)
{
	struct pollfd fds[MAX_DEV];
	struct input_event ev;
	char path[300], name[128];
	struct dirent *de;
	time_t end;
	int n = 0, i;
	DIR *d;

	if (argc != 2 && argc != 3) {
		fprintf(stderr, "usage: %s SECONDS [READY]\n", argv[0]);
		return 2;
	}
	end = time(NULL) + atoi(argv[1]);
	d = opendir("/dev/input");
	while (d && (de = readdir(d)) && n < MAX_DEV) {
		if (strncmp(de->d_name, "event", 5))
			continue;
		snprintf(path, sizeof(path), "/dev/input/%s", de->d_name);
		fds[n].fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (fds[n].fd >= 0)
			fds[n++].events = POLLIN;
	}
	if (d)
		closedir(d);
	if (argc == 3)
		fprintf(stderr, "%s\n", argv[2]);
	while (time(NULL) < end) {
		if (poll(fds, n, 1000) <= 0)
			continue;
		for (i = 0; i < n; i++) {
			if (!(fds[i].revents & POLLIN))
				continue;
			while (read(fds[i].fd, &ev, sizeof(ev)) == sizeof(ev)) {
				if (ev.type != EV_KEY || ev.code != KEY_POWER || ev.value != 1)
					continue;
				if (ioctl(fds[i].fd, EVIOCGNAME(sizeof(name)), name) < 0)
					strcpy(name, "?");
				printf("%s\n", name);
				return 0;
			}
		}
	}
	printf("timeout\n");
	return 1;
}
