//! Receipts: 受理回执 and 一次性告知单 as plain text (48-column receipt printer or A4).
