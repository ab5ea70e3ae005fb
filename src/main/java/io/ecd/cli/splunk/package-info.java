/**
 * The {@code replay} and {@code verify} command-line tools, which prove on a real Splunk that the
 * detections fire: {@link io.ecd.cli.splunk.Replay} sends event files into an index and {@link
 * io.ecd.cli.splunk.Verify} runs a search or saved search and compares its results with an
 * expected table. Both talk to splunkd through the Splunk SDK for Java.
 *
 * <p>Entry points: {@code Replay.run} and {@code Verify.run}, each returning the exit code (0 ok, 1
 * failure or mismatch, 2 usage or connection error). Credentials come from the environment or a
 * token file, never from the command line, and never appear in any output.
 */
package io.ecd.cli.splunk;
