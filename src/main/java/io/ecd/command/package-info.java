/**
 * What a search command sees: {@link io.ecd.command.Record}s, typed {@link io.ecd.command.Options}
 * and a {@link io.ecd.command.SearchContext}. Entry point: {@link io.ecd.command.SearchCommand}.
 *
 * <p>Nothing here knows about chunks, JSON or CSV; the protocol layer drives commands through this
 * API only.
 */
package io.ecd.command;
