#!/bin/sh
echo "native Prisma engine not available offline" >&2
exit 1
