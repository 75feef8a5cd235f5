#!/usr/bin/env bash
# Prints the JVM flags a box runs the agent with: the ExecStart line of the systemd unit, between
# java and -jar. The benchmarks that measure the box as it runs use them.
sed -n 's#^ExecStart=/usr/bin/java \(.*\) -jar .*#\1#p' "$(dirname "$0")/../systemd/bookbox.service"
