#!/usr/bin/env bash
# Installs the Debian packages the kiosk builds, runs and is tested with.
# As root it runs apt-get; otherwise it prints the exact command and fails.
set -euo pipefail

packages=(
  libncursesw5-dev   # the full-screen kiosk (wide characters, mouse)
  libsqlite3-dev     # the ledger (GRDB links the system SQLite)
  sqlite3            # the ledger benchmark's hand-written SQL baseline
  libcairo2-dev      # PDF receipts and reports
  libqrencode-dev    # QR codes on receipts
  fonts-ipafont-gothic fonts-wqy-zenhei  # CJK font embedded in PDFs
  tmux               # end-to-end tests of the real binary
  curl               # the head-office tests send hand-made requests
  poppler-utils      # pdftotext/pdffonts/pdftoppm in the receipt tests
  zbar-tools         # the receipt tests scan the PDF's QR code and barcode
  hledger            # the accountants' export is checked by hledger itself
  postgresql         # the head office's books (make hq, and its tests start their own cluster)
  openssl            # the head-office TLS test makes a throwaway CA and certificate
  chromium chromium-driver  # the dashboard's test drives headless Chromium over WebDriver
  pkg-config
)

exec bash "$(dirname "$0")/apt-install.sh" "${packages[@]}"
