package io.ecd.commands.mailbox;

/** Which rules score the events. */
enum Profile {
  /** The documented SPL's lists and logic, exactly; no lookups. */
  DOCUMENTED,
  /** What real O365 data needs; operations, agents and allowlist from lookups. */
  EXTENDED
}
