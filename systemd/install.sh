#!/usr/bin/env bash
# Installs the agent built by `./dev build` on a Raspberry Pi (run as root, from the repository).
#   sudo systemd/install.sh
# Then write /etc/bookbox/agent.yaml and /etc/bookbox/profile.yaml (examples/profiles/),
# check them with `bookbox-provision check`, and `systemctl enable --now bookbox`.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "install.sh must run as root" >&2; exit 1; }
[ -f controller/target/bookbox-agent.jar ] || { echo "build first: ./dev build" >&2; exit 1; }

# the service user in its device groups, and its directories, by systemd's own tools
install -m 0644 systemd/bookbox.sysusers /usr/lib/sysusers.d/bookbox.conf
install -m 0644 systemd/bookbox.tmpfiles /usr/lib/tmpfiles.d/bookbox.conf
systemd-sysusers bookbox.conf
systemd-tmpfiles --create bookbox.conf
# stable names for readers and scanners (/dev/bookbox/rfid0, /dev/bookbox/qr0), as the example profiles use
install -m 0644 systemd/70-bookbox.rules /usr/lib/udev/rules.d/70-bookbox.rules
udevadm control --reload && udevadm trigger || true

install -d -m 0755 /opt/bookbox /opt/bookbox/lib
install -m 0644 controller/target/bookbox-agent.jar /opt/bookbox/
install -m 0644 controller/target/lib/*.jar /opt/bookbox/lib/
install -m 0644 provisioning/target/bookbox-provision.jar /opt/bookbox/
install -m 0644 README.md /opt/bookbox/
cat > /usr/local/bin/bookbox-provision <<'SH'
#!/bin/sh
exec java -cp "/opt/bookbox/bookbox-provision.jar:/opt/bookbox/bookbox-agent.jar:/opt/bookbox/lib/*" org.bookbox.provisioning.ProvisionTool "$@"
SH
chmod 0755 /usr/local/bin/bookbox-provision
install -m 0644 systemd/bookbox.service /etc/systemd/system/bookbox.service
systemctl daemon-reload
echo "installed; now write /etc/bookbox/agent.yaml and profile.yaml, run 'bookbox-provision check', then 'systemctl enable --now bookbox'"
