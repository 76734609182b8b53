#!/usr/bin/env bash
# Before `npm test`: the browser tests drive Debian's Chromium, and the Chinese (Simplified) screenshots
# need a CJK font. Installs both with apt-get when they are missing (as root, or with sudo); otherwise says
# exactly what to run. Quick when everything is there.
set -euo pipefail
have_browser() { command -v chromium >/dev/null 2>&1; }
have_font() { fc-list :lang=zh-cn 2>/dev/null | grep -q .; }
if have_browser && have_font; then exit 0; fi

packages="chromium fonts-wqy-zenhei"
if [ "$(id -u)" = "0" ]; then run=""; elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then run="sudo"; else
  echo "The browser tests need Debian's Chromium and a CJK font. Install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y $packages" >&2
  exit 2
fi
echo "Installing $packages for the browser tests ..."
export DEBIAN_FRONTEND=noninteractive
$run apt-get update -qq
$run apt-get install -y -qq $packages >/dev/null
