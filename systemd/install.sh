#!/usr/bin/env bash
# Installs the agent built by `./dev build` on a Raspberry Pi (run as root, from the repository).
#   sudo systemd/install.sh
# Then write /etc/bookbox/agent.yaml and /etc/bookbox/profile.yaml (examples/profiles/),
# check them with `bookbox-provision check`, and `systemctl enable --now bookbox`.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "install.sh must run as root" >&2; exit 1; }
[ -f controller/target/bookbox-agent.jar ] || { echo "build first: ./dev build" >&2; exit 1; }

id bookbox >/dev/null 2>&1 || useradd --system --home-dir /var/lib/bookbox --shell /usr/sbin/nologin bookbox
for g in gpio dialout input; do getent group "$g" >/dev/null && usermod -a -G "$g" bookbox; done

install -d -m 0755 /opt/bookbox /opt/bookbox/lib
install -m 0644 controller/target/bookbox-agent.jar /opt/bookbox/
install -m 0644 controller/target/lib/*.jar /opt/bookbox/lib/
install -m 0644 provisioning/target/bookbox-provision.jar /opt/bookbox/
install -m 0644 README.md /opt/bookbox/
install -d -m 0750 -o root -g bookbox /etc/bookbox
install -d -m 0700 -o bookbox -g bookbox /var/lib/bookbox
cat > /usr/local/bin/bookbox-provision <<'SH'
#!/bin/sh
exec java -cp "/opt/bookbox/bookbox-provision.jar:/opt/bookbox/bookbox-agent.jar:/opt/bookbox/lib/*" org.bookbox.provisioning.ProvisionTool "$@"
SH
chmod 0755 /usr/local/bin/bookbox-provision
install -m 0644 systemd/bookbox.service /etc/systemd/system/bookbox.service
systemctl daemon-reload
echo "installed; now write /etc/bookbox/agent.yaml and profile.yaml, run 'bookbox-provision check', then 'systemctl enable --now bookbox'"
