// SPDX-License-Identifier: GPL-2.0
/*
 * uhid_dev - present a USB HID device with a given vendor and product ID
 * through /dev/uhid, for the HID bus's match checks of guest/cc.sh.
 *
 * Usage: uhid_dev VENDOR PRODUCT (hexadecimal)
 *
 * Prints "ok" once uhid has taken the request (the kernel adds the device
 * shortly after) and keeps the device until killed; the kernel destroys it
 * when the file closes. The report descriptor is one vendor-defined byte
 * in a collection, which hid-generic parses and starts through hidraw
 * alone (CONFIG_HIDRAW); hid-vrc2 replaces it with its own, and refuses a
 * 23-byte descriptor, which this is not.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/input.h>
#include <linux/uhid.h>

static const unsigned char rdesc[] = {
	0x06, 0x00, 0xff,	/* Usage Page (vendor defined) */
	0x09, 0x01,		/* Usage (1) */
	0xa1, 0x01,		/* Collection (application) */
	0x15, 0x00,		/*   Logical Minimum (0) */
	0x26, 0xff, 0x00,	/*   Logical Maximum (255) */
	0x75, 0x08,		/*   Report Size (8) */
	0x95, 0x01,		/*   Report Count (1) */
	0x09, 0x01,		/*   Usage (1) */
	0x81, 0x02,		/*   Input (data, variable, absolute) */
	0xc0,			/* End Collection */
};

int main(int argc, char **argv)
{
	struct uhid_event ev;
	int fd;

	if (argc != 3) {
		fprintf(stderr, "usage: %s VENDOR PRODUCT\n", argv[0]);
		return 2;
	}
	fd = open("/dev/uhid", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		perror("/dev/uhid");
		return 1;
	}
	memset(&ev, 0, sizeof(ev));
	ev.type = UHID_CREATE2;
	snprintf((char *)ev.u.create2.name, sizeof(ev.u.create2.name), "rig uhid %s:%s",
		 argv[1], argv[2]);
	ev.u.create2.bus = BUS_USB;
	ev.u.create2.vendor = strtoul(argv[1], NULL, 16);
	ev.u.create2.product = strtoul(argv[2], NULL, 16);
	ev.u.create2.rd_size = sizeof(rdesc);
	memcpy(ev.u.create2.rd_data, rdesc, sizeof(rdesc));
	if (write(fd, &ev, sizeof(ev)) != sizeof(ev)) {
		perror("UHID_CREATE2");
		return 1;
	}
	printf("ok\n");
	fflush(stdout);
	/* Answer nothing; read until killed, so that the device stays. */
	while (read(fd, &ev, sizeof(ev)) > 0)
		;
	return 0;
}
