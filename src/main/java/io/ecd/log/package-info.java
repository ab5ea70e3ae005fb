/**
 * Diagnostics: {@link io.ecd.log.Logs} sends log records to stderr (which splunkd copies into the
 * job's search.log) and to a size-capped file under {@code $SPLUNK_HOME/var/log/splunk/}; {@link
 * io.ecd.log.Secrets} keeps the session key out of every log line and user message.
 */
package io.ecd.log;
