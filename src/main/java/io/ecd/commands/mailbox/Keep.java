package io.ecd.commands.mailbox;

/** Which events the command passes on. */
enum Keep {
  /** Only events with SuspicionScore &gt; 0, as the documented {@code where} does. */
  SUSPICIOUS,
  /** Every event, scored. */
  ALL
}
