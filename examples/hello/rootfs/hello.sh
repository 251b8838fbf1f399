#!/bin/sh
# The example image's entrypoint: prints its greeting.
cat /usr/share/hello/greeting.txt
