/**
 * The jar's entry point, {@link io.ecd.cli.Main}: {@code java -jar <jar> <command>} serves a search
 * command to splunkd over stdin/stdout; {@code detect}, {@code replay} and {@code verify} are
 * command-line tools for detection engineers.
 */
package io.ecd.cli;
