/**
 * Events exported from Splunk, or raw Office 365 Management Activity API records, read from a file
 * into {@link io.ecd.command.Record}s. Entry point: {@link io.ecd.events.EventFiles}.
 *
 * <p>The format is sniffed from the first character: {@code [} a JSON array, <code>{</code>
 * NDJSON (one JSON object per line), anything else CSV with a header row. Each JSON object is
 * either an exported Splunk event (it has {@code _time} or {@code _raw}, or is a Splunk export
 * wrapper with {@code result}) or a raw O365 record, which is flattened as the Splunk Add-on for
 * Microsoft Office 365 extracts it. Errors are {@link io.ecd.events.EventFileException}s naming
 * the file and line.
 */
package io.ecd.events;
