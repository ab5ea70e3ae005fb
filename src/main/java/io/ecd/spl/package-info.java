/**
 * SPL semantics that results must reproduce exactly: null-aware comparison and number parsing
 * ({@link io.ecd.spl.Spl}), {@code stats} aggregation ({@link io.ecd.spl.Stats}), {@code sort}
 * ({@link io.ecd.spl.Sort}), relative time modifiers as {@code relative_time()} evaluates them
 * ({@link io.ecd.spl.RelativeTime}), and {@code round()} and the printed form of computed numbers
 * ({@link io.ecd.spl.SplNumbers}). Shared by the commands and the detections' offline runners.
 */
package io.ecd.spl;
