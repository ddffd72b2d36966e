// SPDX-License-Identifier: GPL-2.0
/*
 * usbfs_claim - claim a USB interface through usbfs, as a user program does
 *
 * Usage: usbfs_claim DEVNODE IFNUM claim|disconnect-claim [SYSFS_IFACE]
 *
 * Opens the usbfs node of a device and issues USBDEVFS_CLAIMINTERFACE or
 * USBDEVFS_DISCONNECT_CLAIM for interface IFNUM. Prints "ok" or the name
 * of the error; on success with SYSFS_IFACE, also the driver bound to the
 * interface while the claim is held. Exits 0 if the ioctl could be made.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <linux/usbdevice_fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static const char *err_name(int err)
{
	switch (err) {
	case EPERM: return "EPERM";
	case EBUSY: return "EBUSY";
	case EACCES: return "EACCES";
	case ENODEV: return "ENODEV";
	case EINVAL: return "EINVAL";
	case ENOENT: return "ENOENT";
	default: return strerror(err);
	}
}

int main(int argc, char **argv)
{
	char path[PATH_MAX], link[PATH_MAX];
	unsigned int ifnum;
	ssize_t len;
	int fd, ret;

	if (argc < 4) {
		fprintf(stderr, "usage: %s DEVNODE IFNUM claim|disconnect-claim [SYSFS_IFACE]\n",
			argv[0]);
		return 2;
	}
	fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		perror(argv[1]);
		return 2;
	}
	ifnum = strtoul(argv[2], NULL, 0);
	if (!strcmp(argv[3], "claim")) {
		ret = ioctl(fd, USBDEVFS_CLAIMINTERFACE, &ifnum);
	} else if (!strcmp(argv[3], "disconnect-claim")) {
		struct usbdevfs_disconnect_claim dc = { .interface = ifnum };

		ret = ioctl(fd, USBDEVFS_DISCONNECT_CLAIM, &dc);
	} else {
		fprintf(stderr, "%s: unknown operation %s\n", argv[0], argv[3]);
		return 2;
	}
	if (ret) {
		printf("%s\n", err_name(errno));
		return 0;
	}
	printf("ok");
	if (argc > 4) {
		snprintf(path, sizeof(path), "%s/driver", argv[4]);
		len = readlink(path, link, sizeof(link) - 1);
		link[len > 0 ? len : 0] = '\0';
		printf(" %s", len > 0 ? basename(link) : "unbound");
	}
	printf("\n");
	close(fd);
	return 0;
}
