/**
 * SPL semantics that results must reproduce exactly: null-aware comparison ({@link io.ecd.spl.Spl}),
 * {@code stats} aggregation ({@link io.ecd.spl.Stats}), {@code sort} ({@link io.ecd.spl.Sort}) and
 * number formatting. Shared by the detections' offline runners.
 */
package io.ecd.spl;
