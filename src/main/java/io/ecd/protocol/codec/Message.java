package io.ecd.protocol.codec;

/**
 * One inspector message: shown in Splunk Web and the job inspector.
 *
 * @param level DEBUG, INFO, WARN or ERROR
 * @param text what the user reads
 */
public record Message(String level, String text) {}
