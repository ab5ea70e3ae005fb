/**
 * The {@code stdevoutlier} search command: standard-deviation (or median/MAD) outliers against a
 * global baseline and a per-entity baseline, in one pass with bounded memory. It replaces the two
 * {@code eventstats}, the {@code eval} and the {@code where} of the detection "Email servers
 * sending high volume traffic to hosts", with identical results.
 *
 * <p>Entry points: {@link io.ecd.commands.stdev.StdevOutlierFactory} (the search command) and
 * {@link io.ecd.commands.stdev.HighVolumeDetection} (the offline {@code detect} runner).
 */
package io.ecd.commands.stdev;
