#!/usr/bin/env bash
# Before `npm test`: the Salesforce CLI (pinned in tools/salesforce-cli) converts the generated Salesforce metadata
# offline as a second opinion. Installed once into tools/salesforce-cli/node_modules (not committed); quick after.
set -euo pipefail
cd "$(dirname "$0")/../tools/salesforce-cli"
if [ -x node_modules/.bin/sf ]; then exit 0; fi
echo "Installing the Salesforce CLI for the metadata second opinion (once) ..."
npm install --no-audit --no-fund --loglevel=error >/dev/null
