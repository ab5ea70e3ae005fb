/**
 * {@code mailboxcollection}: per-event scoring of O365 Exchange audit events for remote email
 * collection (MITRE ATT&amp;CK T1114.002), and the offline runner of the whole detection
 * "Detect Remote Email Collection". Public entry points: {@link
 * io.ecd.commands.mailbox.MailboxCollectionCommand} (the factory for the command registry) and
 * {@link io.ecd.commands.mailbox.RemoteEmailCollectionRunner} (the CLI).
 *
 * <p>Profile {@code documented} reproduces the documented SPL exactly, with its lists compiled in;
 * profile {@code extended} reads its operations, agent patterns and allowlist from the app's
 * {@code lookups/} folder.
 */
package io.ecd.commands.mailbox;
