/**
 * SPL semantics that commands reproduce exactly: {@link io.ecd.spl.RelativeTime} (Splunk's
 * relative time modifiers, as {@code relative_time()} evaluates them) and {@link io.ecd.spl.SplNumbers}
 * (what counts as a number, {@code round()}, and how numbers are printed in results).
 */
package io.ecd.spl;
